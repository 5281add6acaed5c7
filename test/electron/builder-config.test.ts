import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const require = createRequire(import.meta.url);
const readConfig = () => parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

// electron-builder's own schema check (internal paths: electron-builder is pinned in package.json).
async function validate(config: Record<string, unknown>): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
  const { DebugLogger } = require('builder-util/out/DebugLogger');
  await validateConfiguration(config, new DebugLogger(false));
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema", async () => {
    await expect(validate(readConfig())).resolves.toBeUndefined();
  });

  it('flips the fuses that close Electron\'s side doors', () => {
    expect(readConfig().electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('is checked by a schema that does reject unknown keys', async () => {
    await expect(validate({ ...readConfig(), linuxx: {} })).rejects.toThrow(/linuxx/);
  });

  it('names the app and packs only the built output, with the lessons beside it', () => {
    const config = readConfig();
    expect(config.appId).toBe('org.podlab.app');
    expect(config.productName).toBe('Pod Lab');
    expect(config.files).toEqual(['dist/electron/**', 'dist/renderer/**', '!**/*.map', 'package.json']);
    expect(config.extraResources).toEqual([{ from: 'lessons', to: 'lessons', filter: ['**/*'] }]);
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
    expect(config.directories).toEqual({ output: 'release/${version}', buildResources: 'build' });
    expect(config.artifactName).toBe('${name}-${version}-${os}-${arch}.${ext}');
  });

  it('builds AppImage and deb in Education, a dmg and an nsis installer', () => {
    const config = readConfig();
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Education');
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect(config.mac.target).toBe('dmg');
    expect(config.mac.category).toBe('public.app-category.education');
    expect(config.win.target).toBe('nsis');
    expect(config.nsis.oneClick).toBe(false);
  });

  it('matches package.json: the main entry is built output that the files list includes', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { main: string; name: string; author: { email?: string } };
    expect(pkg.main).toBe('dist/electron/main.js');
    expect(pkg.name).toMatch(/^[a-z0-9-]+$/);
    expect(pkg.author.email).toBeTruthy();
  });
});
