import { Global, Module } from '@nestjs/common';
import { RepresentationCache } from './representation-cache';

/** The process's cache of computed response bodies, shared by the areas that serve immutable data. */
@Global()
@Module({ providers: [RepresentationCache], exports: [RepresentationCache] })
export class HttpCacheModule {}
