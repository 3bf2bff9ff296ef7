// The doc-coverage gate's git reads live with the rest of git in changes/ (one git module); this
// name stays so that the gates importing it need not change.
export { lastTouched, linguistExcluded, listTree, type LastTouched } from '../changes/tree-reads.js'
