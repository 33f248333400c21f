/** The national list, for whoever does not find a name here. */
export const NATIONAL_LIST = { name: '中国执行信息公开网', url: 'https://zxgk.court.gov.cn/shixin/' };

/**
 * What "not found here" means, said wherever a lookup comes back empty: the list holds only what is published on this
 * platform now, so an empty answer does not clear anyone.
 */
export function ListScope({ className = '' }: { className?: string }) {
  return (
    <p className={className}>
      本平台只公示法院推送至本平台、正在公示期内的失信被执行人信息；已撤销、已屏蔽、依法不宜公开或已过有效期的信息不再公示，也不说明原因。
      未在本平台找到，不等于未被任何法院列入失信被执行人名单：全国范围的名单请查询
      <a href={NATIONAL_LIST.url} className="text-brand-700 underline">
        {NATIONAL_LIST.name}
      </a>
      。
    </p>
  );
}
