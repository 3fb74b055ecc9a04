// Which dependency names mean which web framework, per ecosystem. Names are as each package
// manager writes them (PyPI names compared normalised, PEP 503).
export const PYTHON_FRAMEWORKS: ReadonlyMap<string, string> = new Map([
  ['django', 'Django'],
  ['flask', 'Flask'],
  ['fastapi', 'FastAPI'],
  ['tornado', 'Tornado'],
  ['pyramid', 'Pyramid'],
  ['bottle', 'Bottle'],
  ['sanic', 'Sanic'],
]);

export const NODE_FRAMEWORKS: ReadonlyMap<string, string> = new Map([
  ['express', 'Express'],
  ['koa', 'Koa'],
  ['fastify', 'Fastify'],
  ['@nestjs/core', 'NestJS'],
  ['next', 'Next.js'],
  ['nuxt', 'Nuxt'],
  ['@hapi/hapi', 'hapi'],
  ['sails', 'Sails'],
]);

export const PHP_FRAMEWORKS: ReadonlyMap<string, string> = new Map([
  ['laravel/framework', 'Laravel'],
  ['symfony/http-kernel', 'Symfony'],
  ['cakephp/cakephp', 'CakePHP'],
  ['yiisoft/yii2', 'Yii'],
  ['codeigniter4/framework', 'CodeIgniter'],
  ['slim/slim', 'Slim'],
]);

export const RUBY_FRAMEWORKS: ReadonlyMap<string, string> = new Map([
  ['rails', 'Rails'],
  ['sinatra', 'Sinatra'],
  ['hanami', 'Hanami'],
]);

/** Library jars (artifactId) that mean a Java web framework. */
export const JAVA_FRAMEWORKS: ReadonlyMap<string, string> = new Map([
  ['spring-boot', 'Spring Boot'],
  ['spring-webmvc', 'Spring MVC'],
  ['spring-webflux', 'Spring WebFlux'],
  ['struts2-core', 'Struts 2'],
  ['quarkus-core', 'Quarkus'],
  ['micronaut-http-server', 'Micronaut'],
]);

/** PEP 503: names compare lower-cased with runs of "-", "_" and "." as one "-". */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
