/**
 * The public site's sections, grouped the way city credit portals group them: the main navigation, the phone menu
 * and the 网站地图 page are built from this one list.
 */
/** `inNav: false`: listed on the 网站地图 only (pages for a few, such as API users; sections the home page links). */
export type SiteLink = { href: string; label: string; description: string; inNav?: false };
export type SiteSection = { title: string; links: SiteLink[] };

export const SITE_SECTIONS: SiteSection[] = [
  {
    title: '信用公示',
    links: [
      { href: '/search', label: '名单查询', description: '按姓名、单位名称、统一社会信用代码或案号查询失信被执行人' },
      { href: '/notices', label: '撤销公告', description: '已撤销、已屏蔽的失信信息公告' },
      { href: '/stats', label: '统计', description: '名单、纠错与异议、联合惩戒的统计数据' },
    ],
  },
  {
    title: '信用服务',
    links: [
      { href: '/check', label: '企业核查', description: '批量核查交易对象是否在名单中，生成可核验的核查报告' },
      { href: '/apply', label: '异议与纠错', description: '对公示信息申请纠错，对惩戒措施提出异议，申请信用修复' },
      { href: '/track', label: '申请查询', description: '用查询号和访问码查看申请的办理进度和结果' },
    ],
  },
  {
    title: '信用动态',
    links: [
      {
        href: '/articles/announcements',
        label: '通知公告',
        description: '市信用办、市法院发布的通知和公告',
        inNav: false,
      },
      { href: '/articles/news', label: '信用动态', description: '联合惩戒动态和市法院的通报' },
      { href: '/articles/cases', label: '典型案例', description: '对失信被执行人实施联合惩戒的典型案例', inNav: false },
    ],
  },
  {
    title: '政策文件',
    links: [
      { href: '/articles/policies', label: '政策文件', description: '联合惩戒的政策文件，首件为昆办发〔2017〕135号' },
    ],
  },
  {
    title: '联合惩戒',
    links: [
      { href: '/measures', label: '联合惩戒措施', description: '41 项惩戒措施及其实施单位（附件2）' },
      { href: '/departments', label: '成员单位', description: '联合惩戒成员单位及其实施的措施（附件3）' },
    ],
  },
  {
    title: '数据接口',
    links: [
      {
        href: '/developers',
        label: '开发者接入说明',
        description: '法院推送、部门共享与企业核查的接口说明',
        inNav: false,
      },
    ],
  },
];

/** The main navigation: the home page, then every section's links in order. */
export const NAV_LINKS: { href: string; label: string }[] = [
  { href: '/', label: '首页' },
  ...SITE_SECTIONS.flatMap((s) => s.links).filter((l) => l.inNav !== false),
];
