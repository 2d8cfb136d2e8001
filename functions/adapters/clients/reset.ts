import { resetDynamo } from './dynamodb';
import { resetS3 } from './s3';
import { resetSes } from './sesv2';
import { resetSfn } from './sfn';
import { resetSns } from './sns';
import { resetSqs } from './sqs';

/**
 * Forgets every client so the next call builds it from the current environment: for hosts that move endpoints (the
 * local runtime started again in one process) and tests. Functions never import this (it holds every client).
 */
export function resetAwsClients() {
  resetDynamo();
  resetS3();
  resetSes();
  resetSfn();
  resetSns();
  resetSqs();
}
