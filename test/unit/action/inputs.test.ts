// Inputs are validated into typed settings; a wrong value names the input and what was expected.
import { describe, expect, it } from 'vitest'
import { parseInputs } from '../../../src/action/inputs.js'

const parse = (values: Record<string, string>) => () => parseInputs((name) => values[name] ?? '')

describe('parseInputs', () => {
  it.each([
    [{ comment: 'sometimes' }, "Invalid input 'comment': expected one of always, on-failure, off, got 'sometimes'."],
    [{ 'fail-on': 'severe' }, "Invalid input 'fail-on': expected one of critical, high, medium, low, info, got 'severe'."],
    [{ 'filter-mode': 'lines' }, "Invalid input 'filter-mode': expected one of added, diff_context, file, nofilter, got 'lines'."],
    [{ 'strict-warnings': 'yes' }, "Invalid input 'strict-warnings': expected true or false, got 'yes'."],
    [{ 'allow-untrusted-code': '1' }, "Invalid input 'allow-untrusted-code': expected true or false, got '1'."],
    [{ 'max-annotations': '-3' }, "Invalid input 'max-annotations': expected a whole number from 0 to 100000, got '-3'."],
    [{ gates: 'tests,lint' }, "Invalid input 'gates': expected a comma-separated list of"],
    [{ gates: 'coverge' }, "Invalid input 'gates': expected a comma-separated list of"],
    [{ mode: 'ship' }, "Invalid input 'mode': expected one of run, release, got 'ship'."],
    [{ mode: 'Release' }, "Invalid input 'mode': expected one of run, release, got 'Release'."],
    [{ 'checklist-file': '/tmp/held-out.yml' }, "Invalid input 'checklist-file': it is read only with mode: release."],
    [{ mode: 'run', 'checklist-file': 'held-out.yml' }, "Invalid input 'checklist-file': it is read only with mode: release."],
    [{ mode: 'release', 'report-from': 'report.json' }, "Invalid input 'report-from': release mode runs the gates itself"],
  ])('rejects %j', (values, message) => {
    expect(parse(values)).toThrow(message)
  })

  it('names where the inputs are documented, with PG_USAGE', () => {
    expect(parse({ comment: 'sometimes' })).toThrow(
      expect.objectContaining({ code: 'PG_USAGE', hint: "see the inputs in proofgate's docs/action.md or action.yml" }),
    )
  })

  it('reads lists, booleans in the YAML 1.2 spellings, and trims', () => {
    expect(
      parseInputs(
        (name) =>
          (
            ({
              gates: ' tests, mock-integrity\ngate-integrity ',
              'strict-warnings': 'TRUE',
              'allow-untrusted-code': 'False',
              'max-annotations': '120',
              'check-name': 'proofgate (node 24)',
              'report-from': 'report/report.json',
            }) as Record<string, string>
          )[name] ?? '',
      ),
    ).toMatchObject({
      gates: ['tests', 'mock-integrity', 'gate-integrity'],
      strictWarnings: true,
      allowUntrustedCode: false,
      maxAnnotations: 120,
      checkName: 'proofgate (node 24)',
      reportFrom: 'report/report.json',
    })
  })

  it('defaults mode to run, without a checklist file', () => {
    const inputs = parseInputs(() => '')
    expect(inputs.mode).toBe('run')
    expect(inputs).not.toHaveProperty('checklistFile')
  })

  it('reads release mode and its checklist file (trimmed, as given: the Action resolves and checks it)', () => {
    const inputs = parseInputs((name) => ({ mode: ' release ', 'checklist-file': ' ${RUNNER_TEMP}/held-out.yml ' })[name as string] ?? '')
    expect(inputs).toMatchObject({ mode: 'release', checklistFile: '${RUNNER_TEMP}/held-out.yml' })
  })
})
