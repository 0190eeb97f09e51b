#include "core/transcript_commands.hpp"

#include "core/text_hygiene.hpp"

#include <cctype>

namespace veche::core {
namespace {

bool is_language_tag(const std::string& s) {
    if (s.empty() || s.size() > 35) return false;
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    return true;
}

}  // namespace

command_result post_segment(session_model& m, const identity& who, const transcript_input& in, epoch_ms now) {
    if (!who.may_access(m.definition().id))
        return command_result::refuse(error_code::forbidden, "The token does not cover this session");
    if (who.role != role::captioner && !who.is_moderator())
        return command_result::refuse(error_code::forbidden, "Only captioners may post the transcript");
    const auto text = clean_user_text(in.text, false);
    if (!text) return command_result::refuse(error_code::bad_request, "The text is not valid UTF-8");
    if (in.final && text->code_points == 0)
        return command_result::refuse(error_code::bad_request, "A final line cannot be empty");
    if (text->code_points > m.limits().transcript_chars)
        return command_result::refuse(error_code::too_long, "The line is longer than " +
                                                                std::to_string(m.limits().transcript_chars) +
                                                                " characters");
    transcript_segment s;
    s.id = in.id;
    s.session = m.definition().id;
    s.text = text->text;
    s.final = in.final;
    if (in.speaker) {
        const auto speaker = clean_user_text(*in.speaker, false);
        if (!speaker || speaker->code_points > 200)
            return command_result::refuse(error_code::bad_request, "\"speaker\" must be a name of up to 200 characters");
        if (speaker->code_points > 0) s.speaker = speaker->text;
    }
    if (in.lang) {
        if (!is_language_tag(*in.lang))
            return command_result::refuse(error_code::bad_request, "\"lang\" must be a language tag such as ru or en-GB");
        s.lang = *in.lang;
    }
    // A line sent again or corrected keeps the times it had unless new ones come.
    const auto* existing = m.transcript().find_final(in.id);
    s.start_ms = in.start_ms.value_or(m.transcript().first_seen(in.id).value_or(existing ? existing->start_ms : now));
    s.end_ms = in.end_ms.value_or(existing && !in.start_ms ? existing->end_ms : std::max(now, s.start_ms));
    if (s.end_ms < s.start_ms) return command_result::refuse(error_code::bad_request, "end_ms is before start_ms");

    command_result r;
    r.ack = {{"id", s.id}};
    if (!in.final) {
        m.note_partial(s);
        r.partial = std::move(s);
        return r;
    }
    if (existing && *existing == s) return r;
    r.changes.push_back(m.record(segment_finalized{std::move(s)}));
    return r;
}

}  // namespace veche::core
