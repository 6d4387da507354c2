# The roll-out summary of `kiemtra summary --json`, written in jq for comparison:
# the latest inspection per unit (name and district, case aside), units meeting the model
# standard of the default catalog (all 22 criteria assessed, none not met), per district,
# and the criteria most often not met.
[inputs
  | { key: ((.unit.name | ascii_downcase) + "|" + (.unit.district | ascii_downcase)),
      district: .unit.district,
      date: .date,
      updated_at: .updated_at,
      verdicts: [.answers[]? | .verdict],
      not_met: [.answers // {} | to_entries[] | select(.value.verdict == "not_met") | .key] }]
| group_by(.key)
| map(max_by([.date, .updated_at]))
| map(. + { meets: ((.verdicts | length) == 22
                    and (.verdicts | all(. != null and . != "not_met"))) })
| { units_inspected: length,
    units_meeting_all: (map(select(.meets)) | length),
    districts: (group_by(.district)
                | map({ district: .[0].district,
                        units_inspected: length,
                        units_meeting_all: (map(select(.meets)) | length) })),
    most_failed: ([.[].not_met[]] | group_by(.)
                  | map({ criterion: .[0], units: length })
                  | sort_by(-.units) | .[:5]) }
