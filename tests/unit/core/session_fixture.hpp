#pragma once
// A session and the people in it, for the core's unit tests.

#include "core/question_commands.hpp"
#include "core/session_commands.hpp"
#include "core/session_model.hpp"
#include "hub/question_index.hpp"

#include <memory>

namespace veche::test {

inline core::identity person(std::string id, core::role r = core::role::participant, std::string name = "") {
    core::identity who;
    who.id = std::move(id);
    who.name = name.empty() ? who.id : std::move(name);
    who.role = r;
    return who;
}

struct session_fixture {
    core::session_definition def;
    core::session_model model;
    core::identity anna = person("anna", core::role::participant, "Анна Смирнова");
    core::identity boris = person("boris");
    core::identity mod = person("mod", core::role::moderator);
    core::identity admin = person("admin", core::role::admin);
    core::identity speaker = person("speaker", core::role::speaker);
    core::identity captioner = person("captioner", core::role::captioner);
    core::epoch_ms now = 1'768'471'200'000;

    explicit session_fixture(core::moderation_mode mode = core::moderation_mode::pre, core::session_limits limits = {})
        : def(make_def(mode)), model(def, limits, std::make_unique<hub::question_index>()) {}

    static core::session_definition make_def(core::moderation_mode mode) {
        core::session_definition d;
        d.id = "s1";
        d.hall = "main";
        d.title = "Сила в людях";
        d.kind = "panel";
        d.moderation = mode;
        d.qa_open = true;
        return d;
    }

    // Asks and returns the new question's id (fails the test on refusal).
    std::string asked(const core::identity& who, const std::string& text, bool anonymous = false) {
        auto r = core::ask(model, who, text, anonymous, now++);
        if (r.refused) throw std::runtime_error("ask refused: " + r.refused->message);
        return r.ack["id"].get<std::string>();
    }

    std::string approved(const core::identity& who, const std::string& text) {
        auto id = asked(who, text);
        auto r = core::moderate(model, mod, {id, core::moderation_action::approve}, now);
        if (r.refused) throw std::runtime_error("approve refused");
        return id;
    }

    core::question_state state_of(const std::string& id) const { return model.find(id)->state; }
};

}  // namespace veche::test
