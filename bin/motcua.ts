import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ProvinceStack } from '../infra/aws/province-stack';
import { loadProvince } from '../infra/province';

const app = new App();
// AWS Solutions checks run at every synth: an unacknowledged finding fails `cdk synth` and `cdk deploy`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const provinceId = String(app.node.tryGetContext('province') ?? 'phu-tho');
try {
  const { province, catalogue } = loadProvince(provinceId);
  new ProvinceStack(app, `motcua-${province.id}`, {
    province,
    catalogue,
    description: `motcua — ${province.name}: one-stop shop backend`,
    env: {
      // Explicit placeholders keep `cdk synth` offline; `cdk deploy` takes the real account and region.
      account: process.env.CDK_DEFAULT_ACCOUNT ?? '111111111111',
      region: process.env.CDK_DEFAULT_REGION ?? 'ap-southeast-1',
    },
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
