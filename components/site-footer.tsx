export function SiteFooter() {
  return (
    <footer className="mt-12 border-t border-slate-300 bg-white">
      <div className="mx-auto max-w-6xl space-y-1 px-4 py-6 text-sm text-slate-700">
        <p>主办：昆山市社会信用体系建设领导小组办公室（市信用办）　数据来源：昆山市人民法院</p>
        <p>
          依据《关于落实对失信被执行人联合惩戒机制的实施意见（试行）》（昆办发〔2017〕135号）公示。自然人身份证号码已按规定隐去出生月日。
        </p>
        <p>
          对公示信息有异议的，可向执行法院申请纠正；对惩戒措施有异议的，可向实施惩戒的部门申请复核：
          <a href="/apply" className="text-brand-700 underline">
            在线提交
          </a>
          。
        </p>
        <p>
          <a href="/developers" className="text-brand-700 underline">
            开发者接入说明（API）
          </a>
          <span aria-hidden="true">　·　</span>
          <a href="/admin/sign-in" className="text-brand-700 underline">
            工作人员登录
          </a>
        </p>
      </div>
    </footer>
  );
}
