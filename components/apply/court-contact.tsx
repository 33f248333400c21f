import type { Court } from '@/lib/courts';

type Props = { court: Court; id?: string; request?: 'correction' | 'guarantee' };

/**
 * Where a court that takes no correction requests on this platform is reached: shown instead of the 申请纠错 link and
 * form, so the entry page, the form and the refusal at submit all name the same court.
 */
export function CourtContact({ court, id, request = 'correction' }: Props) {
  const words = request === 'guarantee' ? '执行担保解除申请' : '纠错申请';
  const ask = request === 'guarantee' ? '申请解除惩戒措施' : '申请纠正';
  return (
    <div id={id} className="mt-2 rounded border border-amber-300 bg-amber-50 p-4" data-testid="court-contact">
      <p>
        该信息由<strong>{court.name}</strong>列入名单。{court.name}暂未通过本平台受理{words}，请直接向该院{ask}：
      </p>
      <dl className="mt-2 grid gap-1 sm:grid-cols-[6rem_1fr]">
        <dt className="font-semibold">法院</dt>
        <dd>{court.name}</dd>
        <dt className="font-semibold">联系电话</dt>
        <dd>{court.phone}</dd>
        <dt className="font-semibold">地址</dt>
        <dd>{court.address}</dd>
      </dl>
    </div>
  );
}
