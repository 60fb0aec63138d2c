import type { PsaCredentials } from '../../../../shared/psa/credentials';
import type { PsaKind } from '../../../../shared/psa/kinds';

type FieldName = 'username' | 'secret' | 'integrationCode' | 'site' | 'companyId' | 'publicKey' | 'privateKey' | 'clientId';

export interface FieldSpec {
  readonly name: FieldName;
  readonly secret: boolean;
  readonly autoComplete: string;
}

/** The form of each PSA, in the order its admin console shows them. */
export const CREDENTIAL_FIELDS: { readonly [K in PsaKind]: readonly FieldSpec[] } = {
  autotask: [
    { name: 'username', secret: false, autoComplete: 'username' },
    { name: 'secret', secret: true, autoComplete: 'new-password' },
    { name: 'integrationCode', secret: false, autoComplete: 'off' },
  ],
  connectwise: [
    { name: 'site', secret: false, autoComplete: 'url' },
    { name: 'companyId', secret: false, autoComplete: 'organization' },
    { name: 'publicKey', secret: false, autoComplete: 'off' },
    { name: 'privateKey', secret: true, autoComplete: 'new-password' },
    { name: 'clientId', secret: false, autoComplete: 'off' },
  ],
};

export type FormValues = Record<FieldName | 'apiBaseUrl', string>;

export const EMPTY_FORM: FormValues = { username: '', secret: '', integrationCode: '', site: '', companyId: '', publicKey: '', privateKey: '', clientId: '', apiBaseUrl: '' };

export function toCredentials(psa: PsaKind, values: FormValues): PsaCredentials {
  return psa === 'autotask'
    ? { psa, username: values.username, secret: values.secret, integrationCode: values.integrationCode, apiBaseUrl: values.apiBaseUrl }
    : { psa, site: values.site, companyId: values.companyId, publicKey: values.publicKey, privateKey: values.privateKey, clientId: values.clientId, apiBaseUrl: values.apiBaseUrl };
}
