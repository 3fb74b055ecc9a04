// Credentials from a docker `config.json` (docker/cli configfile): `auths[host].auth` is
// base64("user:password"); `username`/`password` and `identitytoken` are also written by some
// tools. Credential helpers (`credsStore`) run external programs and are not used here.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ImageError } from './image-error.js';
import type { Credentials } from './registry-auth.js';

const DockerConfig = z.object({
  auths: z
    .record(
      z.string(),
      z.object({
        auth: z.string().optional(),
        username: z.string().optional(),
        password: z.string().optional(),
        identitytoken: z.string().optional(),
      }),
    )
    .optional(),
});

export function defaultDockerConfigPath(): string {
  return join(process.env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
}

/** Keys people and tools use for one registry: "host", "https://host", ".../v1/", and Docker Hub's old index name. */
function keysFor(registryName: string): string[] {
  const hosts = registryName === 'docker.io' ? ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'https://index.docker.io/v1/'] : [registryName];
  return hosts.flatMap((host) => [host, `https://${host}`, `http://${host}`, `https://${host}/v1/`, `https://${host}/v2/`]);
}

export async function credentialsFromDockerConfig(path: string, registryName: string, required: boolean): Promise<Credentials | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    // The default ~/.docker/config.json is optional: a missing or unreadable one means anonymous.
    if (!required) return undefined;
    throw new ImageError('unauthorized', path, `cannot read docker config: ${(error as Error).message}`);
  }
  let parsed;
  try {
    parsed = DockerConfig.parse(JSON.parse(text));
  } catch (error) {
    if (!required) return undefined;
    throw new ImageError('unauthorized', path, `not a docker config.json: ${(error as Error).message.split('\n')[0]}`);
  }
  for (const key of keysFor(registryName)) {
    const entry = parsed.auths?.[key];
    if (!entry) continue;
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon === -1) throw new ImageError('unauthorized', path, `auths["${key}"].auth is not base64 of user:password`);
      return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (entry.identitytoken) return { username: '<token>', password: entry.identitytoken };
    if (entry.username && entry.password !== undefined) return { username: entry.username, password: entry.password };
  }
  return undefined;
}
