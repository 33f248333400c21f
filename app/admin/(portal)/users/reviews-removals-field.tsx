/** The 负责人 checkbox of the account forms: a court clerk who approves other clerks' revocations and shieldings. */
export function ReviewsRemovalsField({ checked, error }: { checked: boolean; error?: string }) {
  return (
    <div>
      <label className="flex items-center gap-3 font-semibold">
        <input
          type="checkbox"
          name="reviewsRemovals"
          value="yes"
          defaultChecked={checked}
          className="h-6 w-6"
          aria-describedby="reviewsRemovals-hint"
        />
        负责审核本院的撤销、屏蔽（负责人）
      </label>
      <p id="reviewsRemovals-hint" className="mt-1 text-sm text-slate-700">
        仅法院执行干警。撤销、屏蔽由承办人提交，须经本院另一位负责人审核通过后生效。
      </p>
      {error && <p className="mt-1 font-semibold text-accent-600">{error}</p>}
    </div>
  );
}
