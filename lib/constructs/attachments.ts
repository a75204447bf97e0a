import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership, StorageClass } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TICKETS_PREFIX, UPLOADS_PREFIX } from '../../functions/domain/attachments/object-keys';
import { ENV } from '../../functions/config';
import { acknowledgeWildcard, type Capabilities } from './capabilities';

export interface HelpdeskAttachmentsProps {
  /** When given, 'attachments' is provided to it. @default - not provided */
  readonly capabilities?: Capabilities;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Origins a browser may POST uploads from and follow download redirects on. The forms and
   * URLs are signed, so an origin grants nothing by itself.
   * @default ['*']
   */
  readonly corsOrigins?: readonly string[];
  /**
   * How long the object of an upload slot that was never attached stays.
   * @default Duration.days(1)
   */
  readonly unattachedUploadRetention?: Duration;
}

/**
 * Files on tickets, from the API and from mail: a private bucket (SSE-S3, TLS only, public
 * access blocked, owner-enforced) that browsers post uploads to with presigned forms. Uploads
 * land under `uploads/` and are copied under `tickets/` when a message takes them; a lifecycle
 * rule expires what stays under `uploads/`. A bucket of its own rather than the mail bucket:
 * browser CORS and the upload prefix stay away from raw inbound mail, and attachments are kept
 * while raw mail expires.
 */
export class HelpdeskAttachments extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: HelpdeskAttachmentsProps = {}) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      autoDeleteObjects: false,
      cors: [{
        allowedMethods: [HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
        allowedOrigins: [...(props.corsOrigins ?? ['*'])],
        allowedHeaders: ['*'],
        exposedHeaders: ['ETag', 'Location'],
        maxAge: 3000,
      }, {
        // The public form is embedded on any site and uploads from there; the signed POST
        // policy, not the origin, is what lets a file in.
        allowedMethods: [HttpMethods.POST],
        allowedOrigins: ['*'],
        allowedHeaders: ['*'],
        exposedHeaders: ['ETag', 'Location'],
        maxAge: 3000,
      }],
      lifecycleRules: [
        { id: 'unattached-uploads', prefix: UPLOADS_PREFIX, expiration: props.unattachedUploadRetention ?? Duration.days(1) },
        { id: 'attachments-tiering', prefix: TICKETS_PREFIX, transitions: [{ storageClass: StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(0) }] },
        { id: 'incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Objects are written through presigned forms and read through presigned URLs that the functions sign after their own checks; access is audited with CloudTrail data events rather than a second log bucket.',
    });
    props.capabilities?.provide('attachments', (handler) => {
      const uploads = this.bucket.arnForObjects(`${UPLOADS_PREFIX}*`);
      const files = this.bucket.arnForObjects(`${TICKETS_PREFIX}*`);
      // Spelt out: presigned POST needs PutObject on uploads/, attach copies uploads/ → tickets/
      // and removes the upload, downloads are presigned GETs of tickets/.
      handler.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'], resources: [uploads, files] }));
      handler.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:DeleteObject'], resources: [uploads] }));
      handler.function.addEnvironment(ENV.attachmentsBucket, this.bucket.bucketName);
      acknowledgeWildcard(handler, uploads, 'Upload slots: one object per attachment id, named when the slot is opened.');
      acknowledgeWildcard(handler, files, 'Attached files: one object per ticket and attachment id.');
    });
    // Privacy erasure deletes an erased requester's files.
    props.capabilities?.provide('attachments-erase', (handler) => {
      const files = this.bucket.arnForObjects(`${TICKETS_PREFIX}*`);
      handler.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:DeleteObject'], resources: [files] }));
      handler.function.addEnvironment(ENV.attachmentsBucket, this.bucket.bucketName);
      acknowledgeWildcard(handler, files, 'Attached files of an erased requester: one object per ticket and attachment id.');
    });
  }
}
