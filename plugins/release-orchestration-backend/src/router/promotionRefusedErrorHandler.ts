import { PromotionRefusedErrorBody } from '@release-orchestration/plugin-release-orchestration-common';
import express from 'express';
import { PromotionRefusedError } from '../service/PromotionRefusedError';

/**
 * Answers a refused promotion with Backstage's error body plus every unmet condition at the top
 * level (`unmetConditions`); other errors go on to Backstage's error handler.
 */
export function promotionRefusedErrorHandler(): express.ErrorRequestHandler {
  return (err, req, res, next) => {
    if (!(err instanceof PromotionRefusedError) || res.headersSent) {
      next(err);
      return;
    }
    const body: PromotionRefusedErrorBody = {
      error: { name: err.name, message: err.message },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: err.statusCode },
      unmetConditions: err.unmetConditions,
    };
    res.status(err.statusCode).json(body);
  };
}
