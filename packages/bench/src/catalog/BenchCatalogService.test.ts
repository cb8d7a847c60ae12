import { DefaultCatalogGateway } from '@release-orchestration/plugin-release-orchestration-backend/src/service/CatalogGateway';
import {
  generateOrg,
  RELEASE_MANAGERS,
} from '@release-orchestration/demo-data';
import { scalePlan } from '../model/scalePlan';
import { benchAuth, BenchCatalogService } from './BenchCatalogService';

describe('BenchCatalogService', () => {
  const org = generateOrg(scalePlan(0.05, { seed: 2 }));
  const gateway = new DefaultCatalogGateway(
    BenchCatalogService.fromOrg(org).asCatalogService(),
    benchAuth(),
  );

  it("answers the plugin's catalog gateway with the generated ownership", async () => {
    const team = org.groups.find(g => g.parent)!;
    const owned = org.systems
      .filter(s => s.owner === team.ref)
      .map(s => s.ref)
      .sort();
    expect(owned.length).toBeGreaterThan(0);
    expect(await gateway.getOwnedSystems(team.ref)).toEqual(owned);

    // A department owns its teams' Systems, through parentOf relations.
    const department = org.groups.find(g => g.ref === team.parent)!;
    const teams = new Set(department.children);
    expect(await gateway.getOwnedSystems(department.ref)).toEqual(
      org.systems
        .filter(s => teams.has(s.owner))
        .map(s => s.ref)
        .sort(),
    );
    expect(await gateway.getOwnedSystems(org.systems[3].ref)).toEqual([
      org.systems[3].ref,
    ]);
    expect(
      await gateway.getOwnedSystems('group:default/nobody'),
    ).toBeUndefined();
    expect(await gateway.listSystems()).toEqual(
      org.systems.map(s => s.ref).sort(),
    );
  });

  it('knows components, their Systems and group members', async () => {
    const system = org.systems[1];
    expect(
      (await gateway.getSystemComponents(system.ref))!.map(c => c.componentRef),
    ).toEqual(system.components.map(c => c.ref).sort());
    expect(await gateway.getComponentSystem(system.components[0].ref)).toEqual({
      systemRef: system.ref,
    });
    expect(await gateway.getGroupMembers([RELEASE_MANAGERS])).toEqual(
      [...org.releaseManagers].sort(),
    );
    const department = org.groups.find(g => g.children.length > 0)!;
    const members = org.groups
      .filter(g => department.children.includes(g.ref))
      .flatMap(g => g.members);
    expect(await gateway.getGroupMembers([department.ref])).toEqual(
      members.sort(),
    );
  });
});
