/** Runtime settings read from the environment (documented in the README). */
export const config = {
  /** How many days a revocation/shielding notice stays on /notices. */
  noticeDays: positiveInt(process.env.NOTICE_DAYS, 90),
  /** Show the 演示数据 banner (npm start loads synthetic demo data unless DEMO_DATA=off). */
  demoData: process.env.DEMO_DATA !== 'off',
};

function positiveInt(value: string | undefined, fallback: number) {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
