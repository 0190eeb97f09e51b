#include "core/questions_csv.hpp"

#include "core/time_format.hpp"

namespace veche::core {
namespace {

void cell(std::string& out, std::string_view value, bool user_text) {
    std::string v(value);
    if (user_text && !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t'))
        v.insert(v.begin(), '\'');
    if (v.find_first_of(",\"\r\n") == std::string::npos) {
        out += v;
        return;
    }
    out.push_back('"');
    for (char c : v) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

}  // namespace

std::string questions_csv(const std::vector<question>& questions) {
    std::string out = "\xEF\xBB\xBF";
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
