export function DemoBanner() {
  return (
    <div role="note" className="bg-amber-100 text-amber-950">
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm">
        <strong>演示数据：</strong>
        本站当前展示的均为程序生成的演示数据，姓名、名称、证件号码均为虚构，不涉及任何真实人员或单位。
      </p>
    </div>
  );
}
