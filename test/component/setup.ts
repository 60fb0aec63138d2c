/** Component tests: Testing Library unmounts after each test; i18next runs with the app's real strings. */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
