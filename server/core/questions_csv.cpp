#include "core/questions_csv.hpp"

#include "core/csv_cell.hpp"
#include "core/time_format.hpp"

namespace veche::core {
namespace {

void cell(std::string& out, std::string_view value, bool user_text) { append_csv_cell(out, value, user_text); }

}  // namespace

std::string questions_csv(const std::vector<question>& questions) {
    std::string out(csv_bom);
    out += "id,state,highlighted,votes,text,author_id,author_name,anonymous,created_at,edited,author_org,author_region,"
           "author_verified,merged_into,reply,reply_by\r\n";
    for (const auto& q : questions) {
        cell(out, q.id, false);
        out.push_back(',');
        cell(out, to_string(q.state), false);
        out.push_back(',');
        out += q.highlighted ? "true" : "false";
        out.push_back(',');
        out += std::to_string(q.votes);
        out.push_back(',');
        cell(out, q.text, true);
        out.push_back(',');
        cell(out, q.author_id, true);
        out.push_back(',');
        cell(out, q.author_name, true);
        out.push_back(',');
        out += q.anonymous ? "true" : "false";
        out.push_back(',');
        cell(out, format_rfc3339(q.created_at), false);
        out.push_back(',');
        out += q.edited ? "true" : "false";
        out.push_back(',');
        cell(out, q.author_affiliation.org, true);
        out.push_back(',');
        cell(out, q.author_affiliation.region, true);
        out.push_back(',');
        out += q.author_affiliation.verified ? "true" : "false";
        out.push_back(',');
        cell(out, q.merged_into, false);
        out.push_back(',');
        cell(out, q.reply ? q.reply->text : "", true);
        out.push_back(',');
        cell(out, q.reply ? q.reply->by : "", true);
        out += "\r\n";
    }
    return out;
}

}  // namespace veche::core
