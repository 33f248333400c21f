/** How anyone holding a report confirms it. */
export function HowToVerify({ code }: { code: string }) {
  return (
    <section aria-labelledby="verify-title" className="mt-6 rounded border border-slate-400 p-4">
      <h2 id="verify-title" className="text-lg font-bold">
        如何核验本报告
      </h2>
      <ol className="mt-2 list-decimal pl-6">
        <li>
          访问诚信昆山网站“企业核查”栏目下的
          <a href="/check/verify" className="text-brand-700 underline">
            核验报告
          </a>
          页面（/check/verify）。
        </li>
        <li>
          输入核验码 <span className="font-mono font-semibold">{code}</span>。
        </li>
        <li>
          页面显示平台存档的核查时间和逐个交易对象的结果，并重新计算数字摘要；摘要一致，说明报告内容与存档相同、未被改动。
        </li>
      </ol>
      <p className="mt-2 text-sm text-slate-800">
        本报告反映核查时点正在公示的信息。此后名单可能变化（新纳入或撤销），如需最新情况请重新核查。
      </p>
    </section>
  );
}
