import { SITE } from '@/lib/site';

/** The government site footer: who runs the site, how to reach them, its registrations (values: config/site.json). */
export function SiteFooter() {
  const link = 'inline-flex min-h-6 items-center text-brand-700 underline elder:min-h-11';
  const contacts = [
    ['主办单位', SITE.sponsor],
    ['承办单位', SITE.organizer],
    ['数据来源', SITE.dataSource],
    ['联系电话', SITE.phone],
    ['地址', `${SITE.address}（邮编 ${SITE.postcode}）`],
    ['工作时间', SITE.hours],
  ];
  return (
    <footer className="mt-12 border-t-4 border-brand-700 bg-white">
      <div className="mx-auto max-w-6xl space-y-3 px-4 py-6 text-base text-slate-800">
        <nav aria-label="页脚链接" className="flex flex-wrap gap-x-6 gap-y-1">
          <a href="/sitemap" className={link}>
            网站地图
          </a>
          <a href={SITE.errorReport.url} className={link}>
            {SITE.errorReport.name}
          </a>
          <a href="/apply" className={link}>
            异议与纠错
          </a>
          <a href="/developers" className={link}>
            开发者接入说明
          </a>
          <a href="/admin/sign-in" className={link}>
            工作人员登录
          </a>
        </nav>
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
          {contacts.map(([term, value]) => (
            <div key={term}>
              <dt className="inline">{term}：</dt>
              <dd className="inline">{value}</dd>
            </div>
          ))}
        </dl>
        <p className="text-slate-700">
          依据《关于落实对失信被执行人联合惩戒机制的实施意见（试行）》（昆办发〔2017〕135号）公示。自然人身份证号码已按规定隐去出生月日。
        </p>
        <p className="flex flex-wrap gap-x-6 gap-y-1 text-slate-700">
          <a href={SITE.icp.url} className={link}>
            {SITE.icp.number}
          </a>
          <a href={SITE.publicSecurity.url} className={link}>
            {SITE.publicSecurity.number}
          </a>
          <span>网站标识码：{SITE.siteCode}</span>
        </p>
      </div>
    </footer>
  );
}
