import { createRequire as __pgCreateRequire } from 'node:module'; import { fileURLToPath as __pgFileURLToPath } from 'node:url'; import { dirname as __pgDirname } from 'node:path'; const require = __pgCreateRequire(import.meta.url); const __filename = __pgFileURLToPath(import.meta.url); const __dirname = __pgDirname(__filename);
import {
  ProofgateError,
  formatError
} from "./chunk-KP6SIVJC.js";

// src/cli/output.ts
import { constants, write } from "node:fs";
import { lstat, mkdir, open, rename, rm, stat } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
var DESCRIPTOR_ALIAS = /^\/(?:dev\/(?:stdout|stderr|fd\/\d+)|proc\/(?:self|thread-self|\d+)\/fd\/\d+)$/;
function invalid(path, what) {
  return new ProofgateError("PG_OUTPUT_INVALID", `Invalid --output '${path}': ${what}.`, {
    hint: "pass a file path (its directory is created), a FIFO or /dev/stdout, or drop --output to print to stdout"
  });
}
async function planOutput(path) {
  if (DESCRIPTOR_ALIAS.test(path)) return "append";
  let link;
  try {
    link = await lstat(path);
  } catch (error) {
    let code = error.code;
    if (code === "ENOENT") return "replace";
    throw code === "ENOTDIR" ? invalid(path, "a parent of it is not a directory") : outputFailed(path, error);
  }
  let target = link;
  if (link.isSymbolicLink())
    try {
      target = await stat(path);
    } catch {
      throw invalid(path, "a symbolic link to nothing");
    }
  if (target.isDirectory()) throw invalid(path, "it is a directory");
  return target.isFile() ? link.isSymbolicLink() ? "through-link" : "replace" : "in-place";
}
function descriptorOf(path) {
  if (path === "/dev/stdout") return 1;
  if (path === "/dev/stderr") return 2;
  let match = /^\/(?:dev\/fd|proc\/(?:self|thread-self)\/fd)\/(\d+)$/.exec(path) ?? (/^\/proc\/(\d+)\/fd\/(\d+)$/.exec(path)?.[1] === String(process.pid) ? /(\d+)$/.exec(path) : null);
  return match === null ? void 0 : Number(match[1]);
}
async function writeAll(fd, data) {
  let offset = 0;
  for (; offset < data.length; )
    try {
      offset += await new Promise(
        (resolve, reject) => write(fd, data, offset, data.length - offset, null, (error, written) => error === null ? resolve(written) : reject(error))
      );
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
}
function outputFailed(path, error) {
  let code = error?.code, why = code === "ENOSPC" ? "no space left on the device" : code === "EPIPE" ? "the reader closed the pipe" : code === "EACCES" || code === "EPERM" ? "permission denied" : code === "EROFS" ? "the file system is read-only" : code ?? String(error);
  return new ProofgateError("PG_OUTPUT_FAILED", `Cannot write the report to ${path}: ${why}.`, {
    hint: path === "stdout" ? "keep the reader of proofgate's output open (no `| head`), or pass --output FILE" : "check the path and free space, or write to another --output",
    cause: error
  });
}
async function writeOutput(path, text) {
  let kind = await planOutput(path), fd = kind === "append" ? descriptorOf(path) : void 0;
  if (fd !== void 0) {
    try {
      await writeAll(fd, Buffer.from(text, "utf8"));
    } catch (error) {
      throw outputFailed(path, error);
    }
    return;
  }
  if (kind !== "replace") {
    let flags = constants.O_WRONLY | (kind === "append" ? constants.O_APPEND : kind === "through-link" ? constants.O_TRUNC : 0), handle;
    try {
      handle = await open(path, flags), await handle.writeFile(text, "utf8");
    } catch (error) {
      throw outputFailed(path, error);
    } finally {
      await handle?.close().catch(() => {
      });
    }
    return;
  }
  let dir = dirname(path), temp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await mkdir(dir, { recursive: !0 });
    let handle = await open(temp, "wx", 420);
    try {
      await handle.writeFile(text, "utf8");
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    throw await rm(temp, { force: !0 }).catch(() => {
    }), outputFailed(path, error);
  }
}
function watchStream(stream) {
  let failure;
  return stream.on("error", (error) => {
    failure ??= error;
  }), {
    async settle() {
      return failure === void 0 && (stream.writableLength ?? 0) > 0 && await new Promise((resolve) => {
        let done = () => resolve();
        stream.once("drain", done), stream.once("error", done);
      }), await new Promise((resolve) => setImmediate(resolve)), failure;
    }
  };
}
async function settleStdout(watch, stderr, code) {
  let failure = await watch.settle();
  if (failure === void 0) return code;
  let error = outputFailed("stdout", failure);
  return stderr.write(formatError(error) + `
`), error.exitCode;
}

export {
  planOutput,
  outputFailed,
  writeOutput,
  watchStream,
  settleStdout
};
