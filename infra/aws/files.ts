import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { UPLOAD_PREFIX } from '../../functions/adapters/files';

export interface FilesProps {
  /** Front-end origins allowed to POST uploads from a browser. */
  allowedOrigins: string[];
  /** The province's customer-managed key. */
  key: IKey;
  /** Days an upload may wait under `uploads/` for a dossier to take it (it is then copied under the dossier). */
  uploadExpiryDays?: number;
}

/**
 * Attachments and results: private (public access blocked, object ownership enforced), encrypted with the province's
 * key, TLS only, access-logged, reached only through short-lived presigned URLs. Uploads land under `uploads/` and
 * expire there unless a dossier takes them; a dossier's files live under `dossiers/<code>/`.
 */
export class Files extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: FilesProps) {
    super(scope, id);
    // Access logs are delivered under a bucket policy (no ACLs), whatever the app's feature flags say.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // S3 server access logging delivers only to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket is the access-log target of the files bucket; logging it into itself would loop.',
    });
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'files/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { noncurrentVersionExpiration: Duration.days(90), abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // An upload no dossier took (abandoned form, failed submission) is deleted.
        { prefix: UPLOAD_PREFIX, expiration: Duration.days(props.uploadExpiryDays ?? 2) },
      ],
      cors:
        props.allowedOrigins.length > 0
          ? [
              {
                allowedOrigins: props.allowedOrigins,
                allowedMethods: [HttpMethods.POST, HttpMethods.GET],
                allowedHeaders: ['*'],
                maxAge: 3000,
              },
            ]
          : [],
    });
  }
}
