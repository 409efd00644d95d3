import { ACK_BUDGET_METRIC } from '../../lambdas/shared/catalogue';
import { Validations } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { INDEXES } from '../../lambdas/adapters/dynamodb/table-schema';
import { CATALOGUE, requiredEnv, type FunctionEntry } from '../../lambdas/shared/catalogue';
import { HANDLER_NAMES, type HandlerName } from '../../lib/functions';
import { HANDLER_SETTINGS } from '../../lib/handlers';
import { RULE_SET_ACTIONS } from '../../lib/receiving';
import { synthDocket, type Synthesized } from './synth';

type Resource = {
  Type: string;
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  Metadata?: Record<string, any>;
};
type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, any>;
  Principal?: unknown;
};

let synth: Synthesized;
let t: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  synth = synthDocket();
  t = synth.template;
  resources = t.toJSON().Resources as Record<string, Resource>;
}, 120_000);

const ofType = (type: string): Array<[string, Resource]> =>
  Object.entries(resources).filter(([, r]) => r.Type === type);
const actions = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** Logical id of a handler function, found by its description. */
function functionId(name: HandlerName): string {
  const found = ofType('AWS::Lambda::Function').filter(
    ([, r]) => r.Properties.Description === HANDLER_SETTINGS[name].description,
  );
  expect(found).toHaveLength(1);
  return found[0]![0];
}

/** Every IAM statement attached to a handler's role. */
function statementsOf(name: HandlerName): Statement[] {
  const roleId = (resources[functionId(name)]!.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}

const allows = (name: HandlerName, action: string): Statement[] =>
  statementsOf(name).filter(
    (s) =>
      s.Effect === 'Allow' &&
      actions(s).some((a) => a === action || (a.endsWith('*') && action.startsWith(a.slice(0, -1)))),
  );

const idOf = (type: string, predicate: (r: Resource) => boolean): string => {
  const found = ofType(type).filter(([, r]) => predicate(r));
  expect(found).toHaveLength(1);
  return found[0]![0];
};
const mailBucketId = (): string => idOf('AWS::S3::Bucket', (r) => r.Properties.ObjectLockEnabled === true);

describe('mail bucket', () => {
  it('encrypts with a rotating customer-managed KMS key, enables Object Lock and is retained', () => {
    const bucket = resources[mailBucketId()]!;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: expect.anything() } },
        ],
      },
      ObjectLockEnabled: true,
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { DestinationBucketName: expect.anything() },
    });
    const keyId =
      bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault
        .KMSMasterKeyID['Fn::GetAtt'][0];
    expect(resources[keyId]!.Properties.EnableKeyRotation).toBe(true);
  });

  it('has no default retention, which SES refuses to write into, and expires nothing by default', () => {
    const bucket = resources[mailBucketId()]!;
    expect(JSON.stringify(bucket.Properties.ObjectLockConfiguration ?? {})).not.toContain('DefaultRetention');
    const rules = bucket.Properties.LifecycleConfiguration.Rules as Array<Record<string, unknown>>;
    expect(
      rules.filter((r) => r.ExpirationInDays !== undefined || r.NoncurrentVersionExpiration !== undefined),
    ).toEqual([]);
  });

  it('lets intake lock raw mail and attachments, the mailer sent mail, the sweeper audit manifests and frozen reports and the exports worker export files for seven years, and nobody else', () => {
    const retainers = HANDLER_NAMES.filter((n) => allows(n, 's3:PutObjectRetention').length > 0).sort();
    expect(retainers).toEqual(['exports', 'intake', 'mailer', 'sweeper']);
    const lockedPrefixes = (name: HandlerName): string =>
      JSON.stringify(allows(name, 's3:PutObjectRetention').map((st) => st.Resource));
    expect(lockedPrefixes('intake')).toContain('/inbound/*');
    expect(lockedPrefixes('intake')).toContain('/attachments/*');
    expect(lockedPrefixes('intake')).toContain('/bodies/*');
    expect(lockedPrefixes('intake')).not.toContain('/sent/');
    expect(lockedPrefixes('mailer')).toContain('/sent/*');
    // Who reads what it locks also reads the lock: intake's redelivery then leaves the raw mail's lock alone.
    const lockReaders = HANDLER_NAMES.filter((n) => allows(n, 's3:GetObjectRetention').length > 0).sort();
    expect(lockReaders).toEqual(['exports', 'intake', 'sweeper']);
    expect(JSON.stringify(allows('intake', 's3:GetObjectRetention').map((st) => st.Resource))).toContain('/inbound/*');
    expect(lockedPrefixes('mailer')).not.toContain('/inbound/');
    // The sweeper touches manifests/ and reports/ only: no mail, in or out.
    const objectsOf = (name: HandlerName): string =>
      JSON.stringify(statementsOf(name).filter((st) => actions(st).some((a) => a.startsWith('s3:'))));
    expect(objectsOf('sweeper')).toContain('/manifests/*');
    expect(objectsOf('sweeper')).toContain('/reports/*');
    expect(objectsOf('sweeper')).not.toMatch(/\/(inbound|sent|attachments|exports)\//);
    // The exports worker touches exports/ only.
    expect(lockedPrefixes('exports')).toContain('/exports/*');
    expect(objectsOf('exports')).not.toMatch(/\/(inbound|sent|attachments|manifests|reports)\//);
    for (const name of ['intake', 'mailer', 'sweeper', 'exports'] as const) {
      expect(resources[functionId(name)]!.Properties.Environment.Variables.MAIL_RETENTION_DAYS).toBe('2557');
    }
    for (const name of HANDLER_NAMES) expect(allows(name, 's3:PutObjectLegalHold')).toEqual([]);
  });

  it('denies every request that does not use TLS', () => {
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: mailBucketId() },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets only SES of this account write, and only under inbound/', () => {
    const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === mailBucketId())![1];
    const sesStatements = (policy.Properties.PolicyDocument.Statement as Statement[]).filter((s) =>
      JSON.stringify(s.Principal).includes('ses.amazonaws.com'),
    );
    expect(sesStatements).toHaveLength(1);
    const [s] = sesStatements;
    expect(s).toMatchObject({
      Effect: 'Allow',
      Action: 's3:PutObject',
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    expect(JSON.stringify(s!.Resource)).toContain('/inbound/*');
  });

  it('lets SES use the bucket key for this account only', () => {
    const keyId =
      resources[mailBucketId()]!.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]
        .ServerSideEncryptionByDefault.KMSMasterKeyID['Fn::GetAtt'][0];
    const statements = resources[keyId]!.Properties.KeyPolicy.Statement as Statement[];
    const ses = statements.filter((s) => JSON.stringify(s.Principal).includes('ses.amazonaws.com'));
    expect(ses).toHaveLength(1);
    expect(actions(ses[0]!)).toEqual(expect.arrayContaining(['kms:GenerateDataKey*', 'kms:Encrypt']));
    expect(ses[0]!.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } });
  });

  it('notifies the inbound queue of new objects under inbound/ only', () => {
    t.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'inbound/' }] } },
          }),
        ],
      },
    });
  });
});

describe('queues', () => {
  const mainQueues = (): Array<[string, Resource]> =>
    ofType('AWS::SQS::Queue').filter(([, q]) => q.Properties.RedrivePolicy);

  it('give each of inbound, both outbound lanes, timers, feedback and exports a dead-letter queue after 5 receives', () => {
    expect(mainQueues()).toHaveLength(6);
    for (const [, q] of mainQueues()) {
      expect(q.Properties.RedrivePolicy.maxReceiveCount).toBe(5);
      const dlq = resources[q.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]]!;
      expect(dlq.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    }
  });

  it('encrypt every queue with a customer-managed key and refuse requests without TLS', () => {
    const queues = ofType('AWS::SQS::Queue');
    expect(queues).toHaveLength(12);
    for (const [id, q] of queues) {
      expect(q.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
      const policy = ofType('AWS::SQS::QueuePolicy').find(([, p]) =>
        JSON.stringify(p.Properties.Queues).includes(`"${id}"`),
      );
      expect(policy).toBeDefined();
      expect(JSON.stringify(policy![1].Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('feed each consumer with partial batch responses, a concurrency cap and visibility of at least 6x its timeout', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(6);
    for (const [, m] of mappings) {
      expect(m.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(m.Properties.ScalingConfig.MaximumConcurrency).toBeGreaterThanOrEqual(2);
      const queue = resources[m.Properties.EventSourceArn['Fn::GetAtt'][0]]!;
      const fn = resources[m.Properties.FunctionName.Ref]!;
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn.Properties.Timeout);
    }
  });

  it('feed the exports worker one job message at a time from its own queue, two jobs at once, with 5 minutes per invocation', () => {
    const [mapping, ...more] = ofType('AWS::Lambda::EventSourceMapping').filter(
      ([, m]) => m.Properties.FunctionName.Ref === functionId('exports'),
    );
    expect(more).toEqual([]);
    expect(mapping![1].Properties).toMatchObject({ BatchSize: 1, ScalingConfig: { MaximumConcurrency: 2 } });
    const queue = resources[mapping![1].Properties.EventSourceArn['Fn::GetAtt'][0]]!;
    expect(queue.Properties.RedrivePolicy).toBeDefined();
    expect(resources[functionId('exports')]!.Properties).toMatchObject({ Timeout: 300, MemorySize: 1024 });
  });

  it('feed the mailer from both outbound lanes: interactive at the default of 4 concurrent functions, bulk at 2', () => {
    const mailer = ofType('AWS::Lambda::EventSourceMapping').filter(
      ([, m]) => m.Properties.FunctionName.Ref === functionId('mailer'),
    );
    const lanes = mailer.map(([, m]) => m.Properties.EventSourceArn['Fn::GetAtt'][0] as string).sort();
    expect(lanes).toEqual([expect.stringContaining('OutboundBulkQueue'), expect.stringContaining('OutboundQueue')]);
    const byLane = Object.fromEntries(
      mailer.map(([, m]) => [
        (m.Properties.EventSourceArn['Fn::GetAtt'][0] as string).includes('Bulk') ? 'bulk' : 'interactive',
        m.Properties.ScalingConfig.MaximumConcurrency,
      ]),
    );
    expect(byLane).toEqual({ interactive: 4, bulk: 2 });
  });
});

describe('case table', () => {
  it('is on-demand, point-in-time recoverable, deletion-protected, KMS-encrypted and retained, with the schema indexes and TTL', () => {
    const [[, table]] = ofType('AWS::DynamoDB::Table') as [[string, Resource]];
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: expect.anything() },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
    });
    const gsis = table.Properties.GlobalSecondaryIndexes as Array<{
      IndexName: string;
      KeySchema: Array<{ AttributeName: string }>;
    }>;
    expect(gsis.map((g) => g.IndexName).sort()).toEqual(
      Object.values(INDEXES)
        .map((i) => i.name)
        .sort(),
    );
    for (const index of Object.values(INDEXES)) {
      expect(gsis.find((g) => g.IndexName === index.name)!.KeySchema.map((k) => k.AttributeName)).toEqual([
        index.partitionKey,
        index.sortKey,
      ]);
    }
  });
});

describe('functions', () => {
  it('run the seven handlers on nodejs22.x arm64 with X-Ray and Powertools settings, without source maps', () => {
    for (const name of HANDLER_NAMES) {
      const fn = resources[functionId(name)]!;
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: expect.anything() },
      });
      // Parsing a bundle's source map at load costs cold start (ADR 0012).
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBeUndefined();
      expect(fn.Properties.Environment.Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: `docket-${name}`,
        POWERTOOLS_METRICS_NAMESPACE: 'Docket',
        SLA_PRESET: 'nydfs',
      });
    }
  });

  it('give each handler exactly the variables its catalogue entry implies, and no other', () => {
    const platform = ['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE'];
    for (const name of HANDLER_NAMES) {
      const entry: FunctionEntry = CATALOGUE[name];
      const vars = Object.keys(resources[functionId(name)]!.Properties.Environment.Variables as object).sort();
      const expected = [
        ...requiredEnv(name).filter((v) => v !== 'AWS_REGION'), // Lambda sets AWS_REGION itself
        ...(entry.signing ? ['SIGNING_SECRET_ARN'] : []),
        ...(entry.sesSend ? ['SES_CONFIGURATION_SET'] : []),
        ...(entry.exportSigning ? ['EXPORT_SIGNING_KEY_ID'] : []),
        ...platform,
      ].sort();
      expect({ name, vars }).toEqual({ name, vars: expected });
    }
  });

  it('pass the validated firm profile, pointing feedback links at the deployed API', () => {
    const profile = JSON.stringify(resources[functionId('mailer')]!.Properties.Environment.Variables.DOCKET_PROFILE);
    expect(profile).toContain('support@exchange.example');
    expect(profile).toContain('publicApiUrl');
    expect(profile).toContain('execute-api');
  });

  it('keep log groups with a retention period', () => {
    for (const name of HANDLER_NAMES) {
      const logGroupId = resources[functionId(name)]!.Properties.LoggingConfig.LogGroup.Ref as string;
      expect(resources[logGroupId]!.Properties.RetentionInDays).toBe(365);
    }
  });
});

describe('least privilege', () => {
  /** Every action a catalogue entry allows, as CDK's grants spell them (kms and X-Ray aside). */
  const expectedActions = (entry: FunctionEntry): string[] => [
    ...entry.table.actions,
    ...(entry.table.deleteIn?.length ? ['dynamodb:DeleteItem'] : []),
    ...(entry.bucket?.read?.length ? ['s3:GetObject'] : []),
    ...(entry.bucket?.write?.length ? ['s3:PutObject'] : []),
    ...(entry.bucket?.retain?.length ? ['s3:PutObjectRetention'] : []),
    ...(entry.bucket?.retain?.some((p) => entry.bucket?.read?.includes(p)) ? ['s3:GetObjectRetention'] : []),
    ...(entry.sendsTo.length ? ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'] : []),
    ...(entry.consumes
      ? [
          'sqs:ReceiveMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
        ]
      : []),
    ...(entry.signing ? ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] : []),
    ...(entry.sesSend ? ['ses:SendRawEmail', 'ses:GetSendQuota'] : []),
  ];

  it('grants each function exactly the actions of its catalogue entry: one more fails this test', () => {
    for (const name of HANDLER_NAMES) {
      const granted = [
        ...new Set(
          statementsOf(name)
            .filter((st) => st.Effect === 'Allow')
            .flatMap(actions)
            .filter((a) => !a.startsWith('kms:') && !a.startsWith('xray:')),
        ),
      ].sort();
      expect({ name, granted }).toEqual({ name, granted: [...new Set(expectedActions(CATALOGUE[name]))].sort() });
    }
  });

  it('uses the catalogue key actions only on Docket keys and X-Ray only on "*"', () => {
    for (const name of HANDLER_NAMES) {
      for (const st of statementsOf(name)) {
        const acts = actions(st);
        if (acts.some((a) => a.startsWith('kms:'))) expect(JSON.stringify(st.Resource)).toContain('Key');
      }
    }
  });

  it('lets no function Scan or BatchWriteItem, only the intake BatchGetItem, and only the mailer and the exports worker delete, and only their leases', () => {
    for (const name of HANDLER_NAMES) {
      const acts = statementsOf(name).flatMap(actions);
      expect({ name, bad: acts.filter((a) => /^dynamodb:(Scan|BatchWriteItem|\*)$/.test(a)) }).toEqual({
        name,
        bad: [],
      });
    }
    expect(HANDLER_NAMES.filter((n) => allows(n, 'dynamodb:BatchGetItem').length > 0)).toEqual(['intake']);
    expect(HANDLER_NAMES.filter((n) => allows(n, 'dynamodb:DeleteItem').length > 0)).toEqual(['mailer', 'exports']);
    for (const name of ['mailer', 'exports'] as const) {
      const [del, ...more] = allows(name, 'dynamodb:DeleteItem');
      expect(more).toEqual([]);
      expect(actions(del!)).toEqual(['dynamodb:DeleteItem']);
      expect(del!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['LEASE#*'] } });
    }
  });

  it('lets the internet-facing API read attachments/, bodies/ and exports/ only (bodies, and one-object links): no raw or sent mail, no writes', () => {
    const s3Actions = statementsOf('api')
      .flatMap(actions)
      .filter((a) => a.startsWith('s3:'));
    expect(s3Actions).toEqual(['s3:GetObject']);
    const reads = allows('api', 's3:GetObject');
    expect(reads).toHaveLength(1);
    const resource = JSON.stringify(reads[0]!.Resource);
    expect(resource).toContain('/attachments/*');
    expect(resource).toContain('/bodies/*');
    expect(resource).toContain('/exports/*');
    expect(resource).not.toMatch(/\/(inbound|sent|manifests|reports)\//);
    expect(resources[functionId('api')]!.Properties.Environment.Variables.MAIL_BUCKET).toBeDefined();
    expect(resources[functionId('api')]!.Properties.Environment.Variables.MAIL_RETENTION_DAYS).toBeUndefined();
  });

  it('lets only the mailer send mail, and only as the domain identity through the configuration set', () => {
    for (const name of HANDLER_NAMES.filter((n) => n !== 'mailer')) {
      expect(
        statementsOf(name)
          .flatMap(actions)
          .filter((a) => a.startsWith('ses:')),
      ).toEqual([]);
    }
    const [send, ...more] = allows('mailer', 'ses:SendRawEmail');
    expect(more).toEqual([]);
    const res = JSON.stringify(send!.Resource);
    expect(asList(send!.Resource)).toHaveLength(2);
    expect(res).toContain('identity/');
    expect(res).toContain('configuration-set/');
    expect(send!.Condition).toEqual({ StringLike: { 'ses:FromAddress': '*@exchange.example' } });
  });

  it('lets intake read only inbound/ and write only attachments/ and bodies/', () => {
    const reads = allows('intake', 's3:GetObject');
    expect(reads.length).toBeGreaterThan(0);
    for (const s of reads) expect(JSON.stringify(s.Resource)).not.toMatch(/\/(sent|attachments|bodies)\//);
    const puts = allows('intake', 's3:PutObject');
    expect(puts).toHaveLength(1);
    expect(JSON.stringify(puts[0]!.Resource)).toContain('/attachments/*');
    expect(JSON.stringify(puts[0]!.Resource)).toContain('/bodies/*');
    expect(JSON.stringify(puts[0]!.Resource)).not.toMatch(/\/(inbound|sent)\//);
  });

  it('lets the mailer write only under sent/ and read no mail', () => {
    const puts = allows('mailer', 's3:PutObject');
    expect(puts).toHaveLength(1);
    expect(JSON.stringify(puts[0]!.Resource)).toContain('/sent/*');
    expect(JSON.stringify(puts[0]!.Resource)).not.toContain('/inbound/');
    expect(allows('mailer', 's3:GetObject')).toEqual([]);
  });

  it('gives no function a way to delete mail or change Object Lock settings of the bucket', () => {
    for (const name of HANDLER_NAMES) {
      const acts = statementsOf(name).flatMap(actions);
      expect(acts.filter((a) => /^s3:(Delete|PutBucket|PutObjectLockConfiguration|BypassGovernance)/.test(a))).toEqual(
        [],
      );
    }
  });

  it('lets each function send only to the queues it feeds', () => {
    const sendTargets = (name: HandlerName): string[] =>
      allows(name, 'sqs:SendMessage').flatMap((s) =>
        asList(s.Resource).map((r) => (r as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]),
      );
    const named = (fragment: string): string =>
      ofType('AWS::SQS::Queue').find(([id, q]) => id.includes(fragment) && q.Properties.RedrivePolicy)![0];
    const outbound = named('OutboundQueue');
    const bulk = named('OutboundBulkQueue');
    const timers = named('Timers');
    const exportJobs = named('Exports');
    expect(sendTargets('intake').sort()).toEqual([outbound, timers].sort());
    expect(sendTargets('api').sort()).toEqual([outbound, bulk, timers, exportJobs].sort());
    expect(sendTargets('exports')).toEqual([exportJobs]);
    expect(sendTargets('timers').sort()).toEqual([outbound, bulk, timers].sort());
    expect(sendTargets('sweeper')).toEqual([timers]);
    expect(sendTargets('mailer').sort()).toEqual([outbound, bulk].sort());
    expect(sendTargets('feedback')).toEqual([]);
  });

  it('grants the signing key only to the functions that sign', () => {
    const reads = (name: (typeof HANDLER_NAMES)[number]) =>
      statementsOf(name).flatMap(actions).includes('secretsmanager:GetSecretValue');
    expect(HANDLER_NAMES.filter(reads).sort()).toEqual(['api', 'intake', 'mailer']);
  });

  it('signs exports with an asymmetric P-256 KMS key that only the exporting functions may use, to sign only', () => {
    const keyId = idOf('AWS::KMS::Key', (r) => r.Properties.KeySpec === 'ECC_NIST_P256');
    expect(resources[keyId]!.Properties).toMatchObject({ KeyUsage: 'SIGN_VERIFY' });
    expect(resources[keyId]!.DeletionPolicy).toBe('Retain');
    const usesKey = (s: Statement) => JSON.stringify(s.Resource).includes(keyId);
    const signers = HANDLER_NAMES.filter((n) => statementsOf(n).some(usesKey));
    expect(signers).toEqual(HANDLER_NAMES.filter((n) => (CATALOGUE[n] as FunctionEntry).exportSigning));
    for (const name of signers) {
      const acts = statementsOf(name).filter(usesKey).flatMap(actions).sort();
      expect({ name, acts }).toEqual({ name, acts: ['kms:GetPublicKey', 'kms:Sign'] });
      expect(resources[functionId(name)]!.Properties.Environment.Variables.EXPORT_SIGNING_KEY_ID).toEqual({
        'Fn::GetAtt': [keyId, 'Arn'],
      });
    }
    t.hasOutput('ExportSigningKeyArn', { Value: { 'Fn::GetAtt': [keyId, 'Arn'] } });
  });

  it('allows resource "*" only for X-Ray and the mailer\'s quota read, which have no resource-level permissions', () => {
    for (const name of HANDLER_NAMES) {
      const wildcard = statementsOf(name).filter((s) => s.Resource === '*');
      const allowed = (a: string) => a.startsWith('xray:') || (name === 'mailer' && a === 'ses:GetSendQuota');
      expect({ name, wildcard: wildcard.flatMap(actions).filter((a) => !allowed(a)) }).toEqual({ name, wildcard: [] });
    }
  });

  it('lets the feedback function touch only the table and its own queue (consume); it cannot read the signing key', () => {
    const acts = statementsOf('feedback').flatMap(actions);
    expect([...new Set(acts.map((a) => a.split(':')[0]))].sort()).toEqual(['dynamodb', 'kms', 'sqs', 'xray']);
    expect(acts.filter((a) => a.startsWith('sqs:')).sort()).toEqual([
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
    ]);
    expect(acts.filter((a) => a.startsWith('s3:'))).toEqual([]);
  });
});

describe('agent API', () => {
  it('has an SRP client for tools and a code-flow console client: no OAuth implicit grant, no placeholder callback', () => {
    const clients = ofType('AWS::Cognito::UserPoolClient').map(([, c]) => c.Properties);
    expect(clients).toHaveLength(2);
    const srp = clients.find((c) => c.AllowedOAuthFlows === undefined);
    const consoleClient = clients.find((c) => c.AllowedOAuthFlows !== undefined);
    expect(srp!.ExplicitAuthFlows.sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    expect(srp!.AllowedOAuthFlowsUserPoolClient).not.toBe(true);
    expect(consoleClient!.AllowedOAuthFlows).toEqual(['code']);
    for (const client of clients) {
      expect(client.AllowedOAuthFlows ?? []).not.toContain('implicit');
      expect(JSON.stringify(client)).not.toContain('example.com');
      expect(client.GenerateSecret).toBe(false);
    }
  });

  it('names the console URL as an output: HTTPS on the distribution, under /console/', () => {
    const cdnId = idOf(
      'AWS::CloudFront::Distribution',
      (r) => r.Properties.DistributionConfig.Comment === 'Docket agent console',
    );
    t.hasOutput('ConsoleUrl', {
      Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [cdnId, 'DomainName'] }, '/console/']] },
    });
  });

  it('routes everything through the Cognito JWT authorizer except health, the API description and feedback links', () => {
    const routes = Object.fromEntries(
      ofType('AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey, r.Properties.AuthorizationType]),
    );
    expect(routes).toEqual({
      'ANY /{proxy+}': 'JWT',
      'GET /healthz': 'NONE',
      'GET /openapi.json': 'NONE',
      'GET /feedback/{token}': 'NONE',
      'POST /feedback/{token}': 'NONE',
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: Match.anyValue(), Audience: [Match.anyValue()] },
    });
  });

  it('throttles the default stage and writes access logs', () => {
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
  });

  it('gives every public route its own lower throttle', () => {
    const publicRoutes = ofType('AWS::ApiGatewayV2::Route')
      .filter(([, r]) => r.Properties.AuthorizationType === 'NONE')
      .map(([, r]) => r.Properties.RouteKey as string);
    const low = { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 };
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      RouteSettings: Object.fromEntries(publicRoutes.map((k) => [k, low])),
    });
  });

  it('has a user pool without self sign-up, with MFA required, threat protection and a group per role', () => {
    t.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
    });
    const groups = ofType('AWS::Cognito::UserPoolGroup')
      .map(([, g]) => g.Properties.GroupName)
      .sort();
    expect(groups).toEqual(['agent', 'auditor', 'supervisor']);
  });
});

describe('SES', () => {
  it('receives for the support addresses with TLS required, scanning on and the S3 action into inbound/', () => {
    t.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: {
        Enabled: true,
        TlsPolicy: 'Require',
        ScanEnabled: true,
        Recipients: ['support@exchange.example', 'complaints@exchange.example'],
        Actions: [{ S3Action: { BucketName: { Ref: mailBucketId() }, ObjectKeyPrefix: 'inbound/' } }],
      },
    });
  });

  it("puts the rule into the rule set a custom resource picks, after that set's existing rules", () => {
    // No rule set of its own and no AwsCustomResource: the target set is decided at deploy time.
    expect(ofType('AWS::SES::ReceiptRuleSet')).toEqual([]);
    expect(ofType('Custom::AWS')).toEqual([]);
    const [[crId, cr]] = ofType('Custom::DocketReceiptRuleSet') as [[string, Resource]];
    expect(cr.Properties.OwnRuleSetName).toBe('docket-Docket');
    const [[, rule]] = ofType('AWS::SES::ReceiptRule') as [[string, Resource]];
    expect(rule.Properties.RuleSetName).toEqual({ 'Fn::GetAtt': [crId, 'RuleSetName'] });
    expect(rule.Properties.After).toEqual({ 'Fn::GetAtt': [crId, 'After'] });
  });

  it('lets the rule-set function call exactly the SES receipt-rule actions it uses', () => {
    const fn = ofType('AWS::Lambda::Function').filter(([, f]) =>
      String(f.Properties.Description ?? '').includes('SES receipt rule set'),
    );
    expect(fn).toHaveLength(1);
    const roleId = (fn[0]![1].Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = ofType('AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
    expect(statements.flatMap(actions).sort()).toEqual([...RULE_SET_ACTIONS].sort());
  });

  it('verifies the domain with Easy DKIM and a custom MAIL FROM, using the configuration set by default', () => {
    t.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'exchange.example',
      DkimAttributes: { SigningEnabled: true },
      MailFromAttributes: { MailFromDomain: 'mail.exchange.example' },
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
  });

  it('sends bounce, complaint and delivery events to an encrypted topic that feeds the feedback queue', () => {
    t.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint', 'delivery']),
        SnsDestination: { TopicARN: Match.anyValue() },
      },
    });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sqs', RawMessageDelivery: true });
    for (const [, topic] of ofType('AWS::SNS::Topic')) expect(topic.Properties.KmsMasterKeyId).toBeDefined();
  });
});

describe('operations', () => {
  it('runs the sweeper every 5 minutes', () => {
    t.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId('sweeper'), 'Arn'] } })],
    });
  });

  it('gives the sweeper a due-time index that carries only what arming a timer needs', () => {
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        {
          IndexName: 'dueDeadlines',
          KeySchema: [
            { AttributeName: 'DUEPK', KeyType: 'HASH' },
            { AttributeName: 'DUESK', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['nextDueAt', 'deadlines'] },
        },
      ]),
    });
  });

  it('alarms on dead letters, inbound age, function errors and throttles, SES reputation and SLA breaches', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const count = (metric: string, namespace: string): number =>
      alarms.filter((a) => a.MetricName === metric && a.Namespace === namespace).length;
    expect(count('ApproximateNumberOfMessagesVisible', 'AWS/SQS')).toBe(6);
    expect(count('ApproximateAgeOfOldestMessage', 'AWS/SQS')).toBe(1);
    expect(count('Errors', 'AWS/Lambda')).toBe(7);
    expect(count('Throttles', 'AWS/Lambda')).toBe(7);
    expect(count('Reputation.BounceRate', 'AWS/SES')).toBe(1);
    expect(count('Reputation.ComplaintRate', 'AWS/SES')).toBe(1);
    expect(alarms.find((a) => a.MetricName === 'SlaBreaches')).toMatchObject({
      Namespace: 'Docket',
      Dimensions: [{ Name: 'service', Value: 'docket' }],
    });
    // Acknowledgements delayed by the intake's per-minute budget: the metric the intake handler emits.
    expect(alarms.find((a) => a.MetricName === ACK_BUDGET_METRIC)).toMatchObject({
      Namespace: 'Docket',
      Dimensions: [{ Name: 'service', Value: 'docket' }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    const topicId = ofType('AWS::SNS::Topic').find(([id]) => id.includes('Alarms'))![0];
    for (const a of alarms) expect(a.AlarmActions).toEqual([{ Ref: topicId }]);
    t.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('lets CloudWatch of this account publish alarms to the alarm topic', () => {
    const topicId = ofType('AWS::SNS::Topic').find(([id]) => id.includes('Alarms'))![0];
    const policy = ofType('AWS::SNS::TopicPolicy').find(([, p]) =>
      JSON.stringify(p.Properties.Topics).includes(topicId),
    )![1];
    const statements = policy.Properties.PolicyDocument.Statement as Statement[];
    const cw = statements.filter((st) => JSON.stringify(st.Principal).includes('cloudwatch.amazonaws.com'));
    expect(cw).toHaveLength(1);
    expect(cw[0]).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: topicId } });
    expect(cw[0]!.Condition!.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
  });

  it('creates no DNS records without a hosted zone, and prints each record to enter as an output', () => {
    t.resourceCountIs('AWS::Route53::RecordSet', 0);
    const outputs = JSON.stringify(t.toJSON().Outputs);
    expect(outputs).toContain('CNAME');
    expect(outputs).toContain('mail.exchange.example MX 10 feedback-smtp.');
    expect(outputs).toContain('v=spf1 include:amazonses.com ~all');
    expect(outputs).toContain('exchange.example MX 10 inbound-smtp.');
    expect(outputs).toContain('_dmarc.exchange.example TXT');
    const dkim = Object.keys(t.findOutputs('*')).filter((k) => k.includes('DkimCname'));
    expect(dkim).toHaveLength(3);
  });
});

describe('with a hosted zone and an alarm address', () => {
  it('creates the MX record to SES receiving in the stack region and the DMARC record', () => {
    synth.zoneTemplate.hasResourceProperties('AWS::Route53::RecordSet', {
      Type: 'MX',
      Name: 'exchange.example.',
      ResourceRecords: [{ 'Fn::Join': ['', ['10 inbound-smtp.', { Ref: 'AWS::Region' }, '.amazonaws.com']] }],
    });
    synth.zoneTemplate.hasResourceProperties('AWS::Route53::RecordSet', {
      Type: 'TXT',
      Name: '_dmarc.exchange.example.',
      ResourceRecords: ['"v=DMARC1; p=quarantine; adkim=r; aspf=r"'],
    });
  });

  it('creates the three DKIM CNAMEs and the MAIL FROM MX and SPF records', () => {
    const records = Object.values(synth.zoneTemplate.findResources('AWS::Route53::RecordSet')).map(
      (r) => r.Properties as { Type: string; Name: unknown; ResourceRecords: unknown[] },
    );
    expect(records.filter((r) => r.Type === 'CNAME')).toHaveLength(3);
    expect(records.some((r) => r.Type === 'MX' && r.Name === 'mail.exchange.example.')).toBe(true);
    expect(
      records.some(
        (r) =>
          r.Type === 'TXT' &&
          r.Name === 'mail.exchange.example.' &&
          JSON.stringify(r.ResourceRecords).includes('v=spf1 include:amazonses.com'),
      ),
    ).toBe(true);
  });

  it('verifies exactly a subdomain, not the apex of its parent zone, and writes its records into that zone', () => {
    const sub = synth.subdomainTemplate;
    const identities = Object.values(sub.findResources('AWS::SES::EmailIdentity'));
    expect(identities.map((r) => (r.Properties as { EmailIdentity: unknown }).EmailIdentity)).toEqual([
      'help.exchange.example',
    ]);
    const records = Object.values(sub.findResources('AWS::Route53::RecordSet')).map(
      (r) => r.Properties as { Type: string; Name: unknown; HostedZoneId: unknown },
    );
    expect(records.filter((r) => r.Type === 'CNAME')).toHaveLength(3);
    for (const r of records) expect(r.HostedZoneId).toBe('Z0123456789EXAMPLE');
    const names = records.filter((r) => typeof r.Name === 'string').map((r) => r.Name);
    expect(names.sort()).toEqual(
      [
        'help.exchange.example.',
        '_dmarc.help.exchange.example.',
        'mail.help.exchange.example.',
        'mail.help.exchange.example.',
      ].sort(),
    );
    const send = JSON.stringify(sub.toJSON().Resources);
    expect(send).not.toMatch(/identity\/exchange\.example/);
  });

  it('subscribes the alarm address to the alarm topic', () => {
    synth.zoneTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@exchange.example',
    });
  });
});

describe('cdk-nag AwsSolutions and CloudFormation validation', () => {
  it('report no unacknowledged error and no template warning (e.g. a dependency cycle)', () => {
    const findings = synth.report.pluginReports.flatMap((p) =>
      p.violations.map(
        (v) =>
          `${p.pluginName} ${v.severity} ${v.ruleName} @ ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`,
      ),
    );
    expect(findings).toEqual([]);
  });

  it('carry a written reason on every acknowledgement', () => {
    const acks = synth.app.node
      .findAll()
      .flatMap((c) =>
        c.node.metadata
          .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .map((m) => ({ path: c.node.path, data: m.data as unknown })),
      );
    expect(acks.length).toBeGreaterThan(10);
    for (const ack of acks) {
      // Metadata shape: { "Annotation::<rule id>": "<reason>" }
      for (const [id, reason] of Object.entries(ack.data as Record<string, unknown>)) {
        expect({ path: ack.path, id, hasReason: typeof reason === 'string' && reason.length >= 30 }).toEqual({
          path: ack.path,
          id,
          hasReason: true,
        });
      }
    }
  });
});
