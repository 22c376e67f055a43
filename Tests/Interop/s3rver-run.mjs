// Starts s3rver (the object-store peer of the S3 tests) on 127.0.0.1 and a port the kernel picks,
// with one empty bucket, and prints "listening <port>" once it accepts connections: the tests wait
// for that line instead of polling. Usage: node s3rver-run.mjs <data-dir> <bucket>
import S3rver from 's3rver';

const [directory, bucket] = process.argv.slice(2);
if (!directory || !bucket) {
  console.error('usage: node s3rver-run.mjs <data-dir> <bucket>');
  process.exit(2);
}

const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  vhostBuckets: false,
  configureBuckets: [{ name: bucket }],
});
const { port } = await server.run();
console.log(`listening ${port}`);
