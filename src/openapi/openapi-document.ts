import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
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
  return SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorResponseDto],
    // Stable, readable operation ids ("DocumentsController_list" → "documents.list") for generated clients.
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}.${methodKey}`,
  });
}
