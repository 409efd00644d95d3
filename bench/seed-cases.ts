import { openSeed } from './seed/seed-tables';
import { progress } from './stats';

/**
 * `npm run bench:seed [-- <cases>]`: writes (or finds cached) the scale section's synthetic cases in
 * DynamoDB Local under `.bench-data/`, so that `npm run bench` later finds them ready. Default 100,000.
 */
async function main(): Promise<void> {
  const large = Number(process.argv[2] ?? 100_000);
  if (!Number.isInteger(large) || large < 10)
    throw new Error(`cases must be a whole number of at least 10, got ${process.argv[2]}`);
  const seed = await openSeed({ large, sampleEvery: 10 });
  progress(`seed tables: ${seed.tables.map((t) => `${t.name} (${t.cases} cases)`).join(', ')}`);
  await seed.stop();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`seeding failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
