import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { addExampleStacks } from './app';
import { trustChainPage } from './trust-chain-page';

/**
 * Synthesizes every example stack into cdk.out/ (no AWS account needed) and prints, per stack,
 * its resources and the trust chain of its use case; the diagram is also written next to the
 * template.
 */
const outdir = path.join(__dirname, '..', 'cdk.out');
const app = new App({ outdir });
const stacks = addExampleStacks(app);
const assembly = app.synth();

for (const stack of stacks) {
  const artifact = assembly.getStackByName(stack.stackName);
  const resources = Object.entries<any>(artifact.template.Resources ?? {});
  const diagram = stack.useCase.toMermaid();
  const diagramFile = path.join(outdir, `${artifact.stackName}.trust-chain.mmd`);
  fs.writeFileSync(diagramFile, diagram);
  const pageFile = path.join(outdir, `${artifact.stackName}.trust-chain.html`);
  fs.writeFileSync(pageFile, trustChainPage(artifact.stackName, diagram));

  console.log(`\n== ${artifact.stackName} (${path.relative(process.cwd(), path.join(outdir, artifact.templateFile))})`);
  console.log(`${resources.length} resources:`);
  for (const [id, resource] of resources) console.log(`  ${resource.Type.padEnd(48)} ${id}`);
  console.log(`trust chain (${path.relative(process.cwd(), diagramFile)}; drawn in ${path.relative(process.cwd(), pageFile)}):`);
  console.log(diagram.replace(/^/gm, '  ').trimEnd());
  const outputs = Object.entries<any>(artifact.template.Outputs ?? {});
  if (outputs.length > 0) console.log('outputs (<…> is filled in at deploy time):');
  for (const [id, output] of outputs) console.log(`  ${id}: ${readable(output.Value)}`);
}
console.log(`\nSynthesized ${stacks.length} stack(s) into ${path.relative(process.cwd(), outdir)}/`);

/** A template value as text, with what CloudFormation fills in at deploy time as <Resource.Attribute>. */
function readable(value: any): string {
  if (typeof value === 'string') return value;
  if (value?.Ref) return value.Ref === 'AWS::Partition' ? 'aws' : `<${value.Ref}>`;
  if (value?.['Fn::GetAtt']) return `<${value['Fn::GetAtt'].join('.')}>`;
  if (value?.['Fn::Join']) return value['Fn::Join'][1].map(readable).join(value['Fn::Join'][0]);
  return JSON.stringify(value);
}
