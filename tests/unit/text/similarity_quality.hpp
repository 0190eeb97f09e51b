#pragma once
// Precision and recall of the similar-question index on the pairs in
// question_pairs.json, as docs/benchmarks.md reports them: every question of
// every pair is one session's question; a pair is called similar when the
// score of its first question against its second reaches the threshold.

#include "text/similarity_index.hpp"
#include "text/snowball_stemmer.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

namespace veche::test {

struct pair_score {
    std::string a, b;
    bool same = false;
    double score = 0;
    std::string kind;  // same, related, near_miss
};

inline std::vector<pair_score> score_question_pairs(const std::string& json_path) {
    std::ifstream in(json_path);
    const auto data = nlohmann::json::parse(in);
    static const text::snowball_stemmer stemmer;
    text::similarity_index index(stemmer);
    std::vector<pair_score> pairs;
    for (const auto* kind : {"same", "related", "near_miss"})
        for (const auto& p : data[kind]) pairs.push_back({p[0], p[1], std::string(kind) == "same", 0, kind});
    int n = 0;
    std::map<std::string, std::string> id_of;
    for (const auto& p : pairs)
        for (const auto* t : {&p.a, &p.b})
            if (!id_of.count(*t)) {
                id_of[*t] = "q" + std::to_string(++n);
                index.put(id_of[*t], *t);
            }
    for (auto& p : pairs) p.score = index.score(p.a, id_of[p.b]);
    return pairs;
}

struct quality {
    double precision = 0, recall = 0;
    int true_positives = 0, false_positives = 0, false_negatives = 0;
};

// Over the same pairs and those of one other kind ("related", "near_miss"), or all when empty.
inline quality quality_at(const std::vector<pair_score>& pairs, double threshold, const std::string& against = "") {
    quality q;
    for (const auto& p : pairs) {
        if (!p.same && !against.empty() && p.kind != against) continue;
        const bool called = p.score >= threshold;
        if (called && p.same) ++q.true_positives;
        if (called && !p.same) ++q.false_positives;
        if (!called && p.same) ++q.false_negatives;
    }
    const int called = q.true_positives + q.false_positives;
    q.precision = called ? static_cast<double>(q.true_positives) / called : 1.0;
    q.recall = static_cast<double>(q.true_positives) / (q.true_positives + q.false_negatives);
    return q;
}

}  // namespace veche::test
