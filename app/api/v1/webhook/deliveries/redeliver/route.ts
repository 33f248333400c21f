import { POST_REDELIVERY } from '@/domain/http/routes';
import { asDepartment, postRedelivery } from '@/domain/sharing/webhook-api';

/** POST /api/v1/webhook/deliveries/redeliver — { ids? }: queue deliveries again (all failed ones without ids). */
export async function POST(request: Request) {
  return asDepartment(POST_REDELIVERY, request, (caller) => postRedelivery(request, caller));
}
