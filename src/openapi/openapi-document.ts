import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/error-response.dto';

/**
 * The API's OpenAPI document, built from the controllers' and DTOs' decorators. The service serves it
 * (/api/openapi.json), `npm run contract` writes it to openapi.json without a database (Nest's preview mode), the web
 * app's types are generated from that file, and the HTTP tests validate every response against it.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('draftline API')
    .setDescription(
      'Versioned drafts with stable clause identity, diffs, consultations and comments. Every error is JSON ' +
        '`{error, message, ...details}` (ErrorResponse) with a stable `error` code.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorResponseDto],
    // Stable, readable operation ids ("DocumentsController_list" → "documents.list") for generated clients.
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}.${methodKey}`,
  });
  withErrorAnswers(document);
  return document;
}

/**
 * One filter answers every error of every route (HttpErrorFilter), so every operation documents its body: as
 * `default` (any error status) and for 500, whether or not the route lists its own error statuses (ApiAuthErrors).
 * Every GET also documents 304 (conditional requests, see app.factory.ts and http-cache/).
 */
function withErrorAnswers(document: OpenAPIObject): void {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } },
  });
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const) {
      const operation = item[method];
      if (!operation) continue;
      // Every GET answer carries an ETag (Express's, or http-cache's for versions and diffs): a match is a 304.
      if (method === 'get')
        operation.responses['304'] ??= { description: 'Not modified: If-None-Match named the current ETag (no body)' };
      operation.responses['500'] ??= error(
        'Unexpected error (internal_error); logged with the request id, nothing applied',
      );
      operation.responses.default ??= error('Any other error, with the same body');
    }
  }
}
