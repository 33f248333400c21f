/** Not found inside the staff portal: a case, entry or task that does not exist or is not the staff member's to see. */
export default function StaffNotFound() {
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
      <h1 className="text-2xl font-bold">未找到</h1>
      <p className="mt-2">您要查看的记录不存在，或不由您所在单位办理。</p>
      <p className="mt-4">
        <a href="/admin" className="text-brand-700 underline">
          返回工作台
        </a>
      </p>
    </main>
  );
}
