"""The rules' bad and good samples, samples/rules/<rule id>/{bad,good}.html: installed as the
package auditor.samples, so `auditor explain` and docs/rules.md show them (auditor.datafiles)."""
