import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/**
 * A local S3-compatible server (s3rver) with one empty bucket, for tests of the S3 file store.
 * It checks presigned expiry but not signatures; the SDK signs as it would for AWS.
 */
export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** What the S3 store reads from the environment (credentials the SDK's usual way). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startTestS3(bucket = 'taba-test'): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      TABA_S3_BUCKET: bucket,
      TABA_S3_ENDPOINT: endpoint,
      TABA_S3_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
