/** The local workspace's file name inside the app's data folder. */
export const WORKSPACE_FILE = 'workspace.sqlite';
