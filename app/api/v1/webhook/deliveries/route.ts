import { GET_DELIVERIES } from '@/domain/http/routes';
import { asDepartment, getDeliveries } from '@/domain/sharing/webhook-api';

/** GET /api/v1/webhook/deliveries?status=&before= — the key's delivery log, newest first. */
export async function GET(request: Request) {
  return asDepartment(GET_DELIVERIES, request, (caller) => getDeliveries(request, caller));
}
