import type { Metadata } from 'next';
import { FEEDBACK_PAGE_SIZE, feedbackOfUnit, feedbackSummary, measuresOfUnit } from '@/domain/sharing/feedback';
import { actorDirectory } from '@/db/staff-queries';
import { byWhom, StaffMain, StaffSection } from '@/components/admin/staff-page';
import { StaffTable } from '@/components/admin/staff-table';
import { Pagination } from '@/components/pagination';
import { capabilityOf } from '@/lib/auth/staff-pages';
import { requireStaff } from '@/domain/auth/staff-session';
import { todayInChina } from '@/lib/clocks';
import { formatDate } from '@/lib/format';
import { recordFeedbackAction } from './actions';
import { FeedbackForm } from './feedback-form';

export const metadata: Metadata = { title: '惩戒反馈' };

const intro = (
  <p className="mt-2 max-w-3xl text-slate-800">
    联合惩戒参与单位应及时将联动惩戒措施和实施效果报市信用办、市法院（四（五））。措施编号为附件2的 41 项惩戒措施。
  </p>
);

export default async function FeedbackPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff(capabilityOf('/admin/feedback')!);

  if (staff.role === 'department_officer' && staff.departmentCode) {
    const requested = Number((await searchParams).page);
    const page = Number.isInteger(requested) && requested >= 1 && requested <= 100_000 ? requested : 1;
    const [measures, { rows: recorded, total }] = await Promise.all([
      measuresOfUnit(staff.departmentCode),
      feedbackOfUnit(staff.departmentCode, page),
    ]);
    const actors = await actorDirectory(recorded.map((r) => r.recordedBy));
    return (
      <StaffMain title="惩戒反馈" intro={intro}>
        <StaffSection
          id="report-title"
          className="mt-6"
          title="报送实施情况"
          empty={measures.length === 0 && '附件2中没有由本单位实施的惩戒措施。'}
        >
          <div className="mt-3">
            <FeedbackForm
              action={recordFeedbackAction}
              measures={measures.map((m) => ({ value: String(m.no), label: `${m.numeral} ${m.text}` }))}
              today={todayInChina()}
            />
          </div>
        </StaffSection>
        <StaffSection id="recorded-title" title="本单位已报送" empty={total === 0 && '还没有报送记录。'}>
          <p className="mt-1 text-slate-800" data-testid="feedback-total">
            共 {total} 条
          </p>
          <div className="mt-2">
            <StaffTable
              headers={['案号', '被执行人', '惩戒措施', '实施日期', '实施效果', '报送人']}
              minWidth="60rem"
              testId="feedback-recorded"
            >
              {recorded.map((r) => (
                <tr key={r.id} data-testid="feedback-row">
                  <td className="px-3 py-2">{r.caseNo}</td>
                  <td className="px-3 py-2">{r.name}</td>
                  <td className="px-3 py-2">
                    {r.measureNo}. {r.measureText}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDate(r.appliedOn)}</td>
                  <td className="px-3 py-2 whitespace-pre-wrap">{r.outcome}</td>
                  <td className="px-3 py-2 break-all">{byWhom(r.recordedBy, r.createdAt, actors)}</td>
                </tr>
              ))}
            </StaffTable>
          </div>
          <Pagination
            page={page}
            pageCount={Math.ceil(total / FEEDBACK_PAGE_SIZE)}
            params={{}}
            path="/admin/feedback"
          />
        </StaffSection>
      </StaffMain>
    );
  }

  const summary = await feedbackSummary();
  return (
    <StaffMain title="惩戒反馈" intro={intro}>
      <StaffSection
        id="summary-title"
        className="mt-6"
        title="各成员单位实施情况"
        empty={summary.length === 0 && '还没有成员单位报送。'}
      >
        <div className="mt-2">
          <StaffTable
            headers={['成员单位', '惩戒措施', '实施次数', '涉及名单信息']}
            minWidth="48rem"
            testId="feedback-summary"
          >
            {summary.map((s) => (
              <tr key={`${s.departmentCode}:${s.measureNo}`} data-unit={s.departmentCode} data-measure={s.measureNo}>
                <td className="px-3 py-2">{s.departmentName}</td>
                <td className="px-3 py-2">
                  {s.measureNo}. {s.measureText}
                </td>
                <td className="px-3 py-2">{s.applications}</td>
                <td className="px-3 py-2">{s.entries}</td>
              </tr>
            ))}
          </StaffTable>
        </div>
      </StaffSection>
    </StaffMain>
  );
}
