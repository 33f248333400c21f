import path from 'node:path';

/** Where the webhook spec writes its receiver's certificate, which the suite's server trusts (WEBHOOK_CA_FILE). */
export const WEBHOOK_CA_FILE = path.resolve('reports/webhook-ca.pem');
