import { DELETE_WEBHOOK, GET_WEBHOOK, PUT_WEBHOOK } from '@/domain/http/routes';
import { asDepartment, deleteWebhook, getWebhook, putWebhook } from '@/domain/sharing/webhook-api';

/** PUT /api/v1/webhook — { url, secret }: the department key's endpoint, registered or changed. */
export async function PUT(request: Request) {
  return asDepartment(PUT_WEBHOOK, request, (caller) => putWebhook(request, caller));
}

/** GET /api/v1/webhook — the key's endpoint and its delivery counts. */
export async function GET(request: Request) {
  return asDepartment(GET_WEBHOOK, request, (caller) => getWebhook(caller));
}

/** DELETE /api/v1/webhook — stop pushing to the key's endpoint. */
export async function DELETE(request: Request) {
  return asDepartment(DELETE_WEBHOOK, request, (caller) => deleteWebhook(request, caller));
}
