import { createRequire as __pgCreateRequire } from 'node:module'; import { fileURLToPath as __pgFileURLToPath } from 'node:url'; import { dirname as __pgDirname } from 'node:path'; const require = __pgCreateRequire(import.meta.url); const __filename = __pgFileURLToPath(import.meta.url); const __dirname = __pgDirname(__filename);
import {
  __commonJS
} from "./chunk-R43OE7MV.js";

// node_modules/istanbul-lib-coverage/lib/percent.js
var require_percent = __commonJS({
  "node_modules/istanbul-lib-coverage/lib/percent.js"(exports, module) {
    "use strict";
    module.exports = function(covered, total) {
      let tmp;
      return total > 0 ? (tmp = 1e3 * 100 * covered / total, Math.floor(tmp / 10) / 100) : 100;
    };
  }
});

// node_modules/istanbul-lib-coverage/lib/data-properties.js
var require_data_properties = __commonJS({
  "node_modules/istanbul-lib-coverage/lib/data-properties.js"(exports, module) {
    "use strict";
    module.exports = function(klass, properties) {
      properties.forEach((p) => {
        Object.defineProperty(klass.prototype, p, {
          enumerable: !0,
          get() {
            return this.data[p];
          }
        });
      });
    };
  }
});

// node_modules/istanbul-lib-coverage/lib/coverage-summary.js
var require_coverage_summary = __commonJS({
  "node_modules/istanbul-lib-coverage/lib/coverage-summary.js"(exports, module) {
    "use strict";
    var percent = require_percent(), dataProperties = require_data_properties();
    function blankSummary() {
      let empty = () => ({
        total: 0,
        covered: 0,
        skipped: 0,
        pct: "Unknown"
      });
      return {
        lines: empty(),
        statements: empty(),
        functions: empty(),
        branches: empty(),
        branchesTrue: empty()
      };
    }
    function assertValidSummary(obj) {
      if (!(obj && obj.lines && obj.statements && obj.functions && obj.branches))
        throw new Error(
          "Invalid summary coverage object, missing keys, found:" + Object.keys(obj).join(",")
        );
    }
    var CoverageSummary = class _CoverageSummary {
      /**
       * @constructor
       * @param {Object|CoverageSummary} [obj=undefined] an optional data object or
       * another coverage summary to initialize this object with.
       */
      constructor(obj) {
        obj ? obj instanceof _CoverageSummary ? this.data = obj.data : this.data = obj : this.data = blankSummary(), assertValidSummary(this.data);
      }
      /**
       * merges a second summary coverage object into this one
       * @param {CoverageSummary} obj - another coverage summary object
       */
      merge(obj) {
        return [
          "lines",
          "statements",
          "branches",
          "functions",
          "branchesTrue"
        ].forEach((key) => {
          obj[key] && (this[key].total += obj[key].total, this[key].covered += obj[key].covered, this[key].skipped += obj[key].skipped, this[key].pct = percent(this[key].covered, this[key].total));
        }), this;
      }
      /**
       * returns a POJO that is JSON serializable. May be used to get the raw
       * summary object.
       */
      toJSON() {
        return this.data;
      }
      /**
       * return true if summary has no lines of code
       */
      isEmpty() {
        return this.lines.total === 0;
      }
    };
    dataProperties(CoverageSummary, [
      "lines",
      "statements",
      "functions",
      "branches",
      "branchesTrue"
    ]);
    module.exports = {
      CoverageSummary
    };
  }
});

// node_modules/istanbul-lib-coverage/lib/file-coverage.js
var require_file_coverage = __commonJS({
  "node_modules/istanbul-lib-coverage/lib/file-coverage.js"(exports, module) {
    "use strict";
    var percent = require_percent(), dataProperties = require_data_properties(), { CoverageSummary } = require_coverage_summary();
    function emptyCoverage(filePath, reportLogic) {
      let cov = {
        path: filePath,
        statementMap: {},
        fnMap: {},
        branchMap: {},
        s: {},
        f: {},
        b: {}
      };
      return reportLogic && (cov.bT = {}), cov;
    }
    function assertValidObject(obj) {
      if (!(obj && obj.path && obj.statementMap && obj.fnMap && obj.branchMap && obj.s && obj.f && obj.b))
        throw new Error(
          "Invalid file coverage object, missing keys, found:" + Object.keys(obj).join(",")
        );
    }
    var keyFromLoc = ({ start, end }) => `${start.line}|${start.column}|${end.line}|${end.column}`, isObj = (o) => !!o && typeof o == "object", isLineCol = (o) => isObj(o) && typeof o.line == "number" && typeof o.column == "number", isLoc = (o) => isObj(o) && isLineCol(o.start) && isLineCol(o.end), getLoc = (o) => isLoc(o) ? o : isLoc(o.loc) ? o.loc : null, findNearestContainer = (item, map) => {
      let itemLoc = getLoc(item);
      if (!itemLoc) return null;
      let nearestContainingItem = null, containerDistance = null, containerKey = null;
      for (let [i, mapItem] of Object.entries(map)) {
        let mapLoc = getLoc(mapItem);
        if (!mapLoc) continue;
        let distance = [
          itemLoc.start.line - mapLoc.start.line,
          itemLoc.start.column - mapLoc.start.column,
          mapLoc.end.line - itemLoc.end.line,
          mapLoc.end.column - itemLoc.end.column
        ];
        if (distance[0] < 0 || distance[2] < 0 || distance[0] === 0 && distance[1] < 0 || distance[2] === 0 && distance[3] < 0)
          continue;
        if (nearestContainingItem === null) {
          containerDistance = distance, nearestContainingItem = mapItem, containerKey = i;
          continue;
        }
        let closerBefore = distance[0] < containerDistance[0] || distance[0] === 0 && distance[1] < containerDistance[1], closerAfter = distance[2] < containerDistance[2] || distance[2] === 0 && distance[3] < containerDistance[3];
        (closerBefore || closerAfter) && (containerDistance = distance, nearestContainingItem = mapItem, containerKey = i);
      }
      return containerKey;
    }, addHits = (aHits, bHits) => typeof aHits == "number" && typeof bHits == "number" ? aHits + bHits : Array.isArray(aHits) && Array.isArray(bHits) ? aHits.map((a, i) => (a || 0) + (bHits[i] || 0)) : null, addNearestContainerHits = (item, itemHits, map, mapHits) => {
      let container = findNearestContainer(item, map);
      return container ? addHits(itemHits, mapHits[container]) : itemHits;
    }, mergeProp = (aHits, aMap, bHits, bMap, itemKey = keyFromLoc) => {
      let aItems = {};
      for (let [key, itemHits] of Object.entries(aHits)) {
        let item = aMap[key];
        aItems[itemKey(item)] = [itemHits, item];
      }
      let bItems = {};
      for (let [key, itemHits] of Object.entries(bHits)) {
        let item = bMap[key];
        bItems[itemKey(item)] = [itemHits, item];
      }
      let mergedItems = {};
      for (let [key, aValue] of Object.entries(aItems)) {
        let aItemHits = aValue[0], aItem = aValue[1], bValue = bItems[key];
        bValue ? aItemHits = addHits(aItemHits, bValue[0]) : aItemHits = addNearestContainerHits(aItem, aItemHits, bMap, bHits), mergedItems[key] = [aItemHits, aItem];
      }
      for (let [key, bValue] of Object.entries(bItems)) {
        let bItemHits = bValue[0], bItem = bValue[1];
        mergedItems[key] || (bItemHits = addNearestContainerHits(bItem, bItemHits, aMap, aHits), mergedItems[key] = [bItemHits, bItem]);
      }
      let hits = {}, map = {};
      return Object.values(mergedItems).forEach(([itemHits, item], i) => {
        hits[i] = itemHits, map[i] = item;
      }), [hits, map];
    }, FileCoverage = class _FileCoverage {
      /**
       * @constructor
       * @param {Object|FileCoverage|String} pathOrObj is a string that initializes
       * and empty coverage object with the specified file path or a data object that
       * has all the required properties for a file coverage object.
       */
      constructor(pathOrObj, reportLogic = !1) {
        if (!pathOrObj)
          throw new Error(
            "Coverage must be initialized with a path or an object"
          );
        if (typeof pathOrObj == "string")
          this.data = emptyCoverage(pathOrObj, reportLogic);
        else if (pathOrObj instanceof _FileCoverage)
          this.data = pathOrObj.data;
        else if (typeof pathOrObj == "object")
          this.data = pathOrObj;
        else
          throw new Error("Invalid argument to coverage constructor");
        assertValidObject(this.data);
      }
      /**
       * returns computed line coverage from statement coverage.
       * This is a map of hits keyed by line number in the source.
       */
      getLineCoverage() {
        let statementMap = this.data.statementMap, statements = this.data.s, lineMap = /* @__PURE__ */ Object.create(null);
        return Object.entries(statements).forEach(([st, count]) => {
          if (!statementMap[st])
            return;
          let { line } = statementMap[st].start, prevVal = lineMap[line];
          (prevVal === void 0 || prevVal < count) && (lineMap[line] = count);
        }), lineMap;
      }
      /**
       * returns an array of uncovered line numbers.
       * @returns {Array} an array of line numbers for which no hits have been
       *  collected.
       */
      getUncoveredLines() {
        let lc = this.getLineCoverage(), ret = [];
        return Object.entries(lc).forEach(([l, hits]) => {
          hits === 0 && ret.push(l);
        }), ret;
      }
      /**
       * returns a map of branch coverage by source line number.
       * @returns {Object} an object keyed by line number. Each object
       * has a `covered`, `total` and `coverage` (percentage) property.
       */
      getBranchCoverageByLine() {
        let branchMap = this.branchMap, branches = this.b, ret = {};
        return Object.entries(branchMap).forEach(([k, map]) => {
          let line = map.line || map.loc.start.line, branchData = branches[k];
          ret[line] = ret[line] || [], ret[line].push(...branchData);
        }), Object.entries(ret).forEach(([k, dataArray]) => {
          let covered = dataArray.filter((item) => item > 0), coverage = covered.length / dataArray.length * 100;
          ret[k] = {
            covered: covered.length,
            total: dataArray.length,
            coverage
          };
        }), ret;
      }
      /**
       * return a JSON-serializable POJO for this file coverage object
       */
      toJSON() {
        return this.data;
      }
      /**
       * merges a second coverage object into this one, updating hit counts
       * @param {FileCoverage} other - the coverage object to be merged into this one.
       *  Note that the other object should have the same structure as this one (same file).
       */
      merge(other) {
        if (other.all === !0)
          return;
        if (this.all === !0) {
          this.data = other.data;
          return;
        }
        let [hits, map] = mergeProp(
          this.s,
          this.statementMap,
          other.s,
          other.statementMap
        );
        this.data.s = hits, this.data.statementMap = map;
        let keyFromLocProp = (x) => keyFromLoc(x.loc), keyFromLocationsProp = (x) => keyFromLoc(x.locations[0]);
        [hits, map] = mergeProp(
          this.f,
          this.fnMap,
          other.f,
          other.fnMap,
          keyFromLocProp
        ), this.data.f = hits, this.data.fnMap = map, [hits, map] = mergeProp(
          this.b,
          this.branchMap,
          other.b,
          other.branchMap,
          keyFromLocationsProp
        ), this.data.b = hits, this.data.branchMap = map, this.bT && other.bT && ([hits, map] = mergeProp(
          this.bT,
          this.branchMap,
          other.bT,
          other.branchMap,
          keyFromLocationsProp
        ), this.data.bT = hits);
      }
      computeSimpleTotals(property) {
        let stats = this[property];
        typeof stats == "function" && (stats = stats.call(this));
        let ret = {
          total: Object.keys(stats).length,
          covered: Object.values(stats).filter((v) => !!v).length,
          skipped: 0
        };
        return ret.pct = percent(ret.covered, ret.total), ret;
      }
      computeBranchTotals(property) {
        let stats = this[property], ret = { total: 0, covered: 0, skipped: 0 };
        return Object.values(stats).forEach((branches) => {
          ret.covered += branches.filter((hits) => hits > 0).length, ret.total += branches.length;
        }), ret.pct = percent(ret.covered, ret.total), ret;
      }
      /**
       * resets hit counts for all statements, functions and branches
       * in this coverage object resulting in zero coverage.
       */
      resetHits() {
        let statements = this.s, functions = this.f, branches = this.b, branchesTrue = this.bT;
        Object.keys(statements).forEach((s) => {
          statements[s] = 0;
        }), Object.keys(functions).forEach((f) => {
          functions[f] = 0;
        }), Object.keys(branches).forEach((b) => {
          branches[b].fill(0);
        }), branchesTrue && Object.keys(branchesTrue).forEach((bT) => {
          branchesTrue[bT].fill(0);
        });
      }
      /**
       * returns a CoverageSummary for this file coverage object
       * @returns {CoverageSummary}
       */
      toSummary() {
        let ret = {};
        return ret.lines = this.computeSimpleTotals("getLineCoverage"), ret.functions = this.computeSimpleTotals("f", "fnMap"), ret.statements = this.computeSimpleTotals("s", "statementMap"), ret.branches = this.computeBranchTotals("b"), this.bT && (ret.branchesTrue = this.computeBranchTotals("bT")), new CoverageSummary(ret);
      }
    };
    dataProperties(FileCoverage, [
      "path",
      "statementMap",
      "fnMap",
      "branchMap",
      "s",
      "f",
      "b",
      "bT",
      "all"
    ]);
    module.exports = {
      FileCoverage,
      // exported for testing
      findNearestContainer,
      addHits,
      addNearestContainerHits
    };
  }
});

// node_modules/istanbul-lib-coverage/lib/coverage-map.js
var require_coverage_map = __commonJS({
  "node_modules/istanbul-lib-coverage/lib/coverage-map.js"(exports, module) {
    "use strict";
    var { FileCoverage } = require_file_coverage(), { CoverageSummary } = require_coverage_summary();
    function maybeConstruct(obj, klass) {
      return obj instanceof klass ? obj : new klass(obj);
    }
    function loadMap(source) {
      let data = /* @__PURE__ */ Object.create(null);
      return source && Object.entries(source).forEach(([k, cov]) => {
        data[k] = maybeConstruct(cov, FileCoverage);
      }), data;
    }
    var CoverageMap = class _CoverageMap {
      /**
       * @constructor
       * @param {Object} [obj=undefined] obj A coverage map from which to initialize this
       * map's contents. This can be the raw global coverage object.
       */
      constructor(obj) {
        obj instanceof _CoverageMap ? this.data = obj.data : this.data = loadMap(obj);
      }
      /**
       * merges a second coverage map into this one
       * @param {CoverageMap} obj - a CoverageMap or its raw data. Coverage is merged
       *  correctly for the same files and additional file coverage keys are created
       *  as needed.
       */
      merge(obj) {
        let other = maybeConstruct(obj, _CoverageMap);
        Object.values(other.data).forEach((fc) => {
          this.addFileCoverage(fc);
        });
      }
      /**
       * filter the coveragemap based on the callback provided
       * @param {Function (filename)} callback - Returns true if the path
       *  should be included in the coveragemap. False if it should be
       *  removed.
       */
      filter(callback) {
        Object.keys(this.data).forEach((k) => {
          callback(k) || delete this.data[k];
        });
      }
      /**
       * returns a JSON-serializable POJO for this coverage map
       * @returns {Object}
       */
      toJSON() {
        return this.data;
      }
      /**
       * returns an array for file paths for which this map has coverage
       * @returns {Array{string}} - array of files
       */
      files() {
        return Object.keys(this.data);
      }
      /**
       * returns the file coverage for the specified file.
       * @param {String} file
       * @returns {FileCoverage}
       */
      fileCoverageFor(file) {
        let fc = this.data[file];
        if (!fc)
          throw new Error(`No file coverage available for: ${file}`);
        return fc;
      }
      /**
       * adds a file coverage object to this map. If the path for the object,
       * already exists in the map, it is merged with the existing coverage
       * otherwise a new key is added to the map.
       * @param {FileCoverage} fc the file coverage to add
       */
      addFileCoverage(fc) {
        let cov = new FileCoverage(fc), { path } = cov;
        this.data[path] ? this.data[path].merge(cov) : this.data[path] = cov;
      }
      /**
       * returns the coverage summary for all the file coverage objects in this map.
       * @returns {CoverageSummary}
       */
      getCoverageSummary() {
        let ret = new CoverageSummary();
        return Object.values(this.data).forEach((fc) => {
          ret.merge(fc.toSummary());
        }), ret;
      }
    };
    module.exports = {
      CoverageMap
    };
  }
});

// node_modules/istanbul-lib-coverage/index.js
var require_istanbul_lib_coverage = __commonJS({
  "node_modules/istanbul-lib-coverage/index.js"(exports, module) {
    var { FileCoverage } = require_file_coverage(), { CoverageMap } = require_coverage_map(), { CoverageSummary } = require_coverage_summary();
    module.exports = {
      /**
       * creates a coverage summary object
       * @param {Object} obj an argument with the same semantics
       *  as the one passed to the `CoverageSummary` constructor
       * @returns {CoverageSummary}
       */
      createCoverageSummary(obj) {
        return obj && obj instanceof CoverageSummary ? obj : new CoverageSummary(obj);
      },
      /**
       * creates a CoverageMap object
       * @param {Object} obj optional - an argument with the same semantics
       *  as the one passed to the CoverageMap constructor.
       * @returns {CoverageMap}
       */
      createCoverageMap(obj) {
        return obj && obj instanceof CoverageMap ? obj : new CoverageMap(obj);
      },
      /**
       * creates a FileCoverage object
       * @param {Object} obj optional - an argument with the same semantics
       *  as the one passed to the FileCoverage constructor.
       * @returns {FileCoverage}
       */
      createFileCoverage(obj) {
        return obj && obj instanceof FileCoverage ? obj : new FileCoverage(obj);
      }
    };
    module.exports.classes = {
      /**
       * the file coverage constructor
       */
      FileCoverage
    };
  }
});
export default require_istanbul_lib_coverage();
