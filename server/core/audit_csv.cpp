#include "core/audit_csv.hpp"

#include "core/csv_cell.hpp"

namespace veche::core {

std::string audit_csv_head() {
    std::string out(csv_bom);
    out += "time,actor_id,actor_name,role,action,target_id,text_before,text_after,choices\r\n";
    return out;
}

void append_audit_csv_row(std::string& out, const audit_entry& e) {
    append_csv_cell(out, format_rfc3339_ms(e.at), false);
    out.push_back(',');
    // A portal's token may name anyone anything: ids and names are people's text too.
    append_csv_cell(out, e.actor_id, true);
    out.push_back(',');
    append_csv_cell(out, e.actor_name, true);
    out.push_back(',');
    append_csv_cell(out, to_string(e.actor_role), false);
    out.push_back(',');
    append_csv_cell(out, e.action, false);
    out.push_back(',');
    append_csv_cell(out, e.target, true);
    out.push_back(',');
    append_csv_cell(out, e.text_before, true);
    out.push_back(',');
    append_csv_cell(out, e.text_after, true);
    out.push_back(',');
    append_csv_cell(out, e.choices, true);
    out += "\r\n";
}

}  // namespace veche::core
