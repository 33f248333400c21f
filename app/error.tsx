'use client';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-12">
      <h1 className="text-2xl font-bold">系统暂时无法处理您的请求</h1>
      <p className="mt-3">请稍后再试。如问题持续存在，请联系市信用办。</p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-brand-700 px-4 py-2 text-white">
        重试
      </button>
    </main>
  );
}
