import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AgentConsole } from '../../lib/console';

let t: Template;

beforeAll(() => {
  const app = new App();
  const stack = new Stack(app, 'ConsoleOnly');
  const userPool = new cognito.UserPool(stack, 'Pool');
  new AgentConsole(stack, 'Console', { userPool, apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/' });
  t = Template.fromStack(stack);
}, 60_000);

describe('agent console on AWS', () => {
  it('keeps the bucket private, encrypted and TLS-only', () => {
    t.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('serves through CloudFront with origin access control, HTTPS redirect and the security headers', () => {
    t.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          ResponseHeadersPolicyId: Match.anyValue(),
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
        }),
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
      }),
    });
    const [policy] = Object.values(t.findResources('AWS::CloudFront::ResponseHeadersPolicy')) as Array<{
      Properties: { ResponseHeadersPolicyConfig: { SecurityHeadersConfig: Record<string, any> } };
    }>;
    const sec = policy!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(JSON.stringify(sec.ContentSecurityPolicy.ContentSecurityPolicy)).toContain("script-src 'self'");
    expect(JSON.stringify(sec.ContentSecurityPolicy.ContentSecurityPolicy)).toContain("frame-ancestors 'none'");
    expect(sec.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true });
    expect(sec.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(sec.ContentTypeOptions).toMatchObject({ Override: true });
  });

  it('gives the console an authorization-code client without secret or implicit flow', () => {
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
      CallbackURLs: Match.anyValue(),
      LogoutURLs: Match.anyValue(),
    });
    const clients = Object.values(t.findResources('AWS::Cognito::UserPoolClient')) as Array<{
      Properties: Record<string, any>;
    }>;
    for (const c of clients) expect(c.Properties.AllowedOAuthFlows ?? []).not.toContain('implicit');
    t.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });
});

describe('agent console with a custom domain', () => {
  it('is reached at that domain, whose origin the callbacks name', () => {
    const stack = new Stack(new App(), 'ConsoleDomain');
    const userPool = new cognito.UserPool(stack, 'Pool');
    const c = new AgentConsole(stack, 'Console', {
      userPool,
      apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/',
      domainName: 'console.exchange.example',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    });
    expect(c.url).toBe('https://console.exchange.example/console/');
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: Match.arrayWith(['https://console.exchange.example/console/callback']),
    });
  });
});
