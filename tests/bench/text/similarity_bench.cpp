// The similar-question index at the size of a busy session: the cost of
// indexing one question, and of answering `similar`, at 5,000 questions
// (docs/benchmarks.md). Questions are made of the words of the test set's
// questions (tests/unit/text/question_pairs.json), 4 to 14 at a time, so they
// share words the way a session's questions do.
//
//   build/tests/bench/text/veche_similarity_bench [questions] [queries]
#include "text/similarity_index.hpp"
#include "text/snowball_stemmer.hpp"
#include "text/text_analyzer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace veche;
using clock_type = std::chrono::steady_clock;

namespace {

std::vector<std::string> vocabulary() {
    std::ifstream in(std::string(VECHE_SOURCE_DIR) + "/tests/unit/text/question_pairs.json");
    const auto data = nlohmann::json::parse(in);
    std::vector<std::string> words;
    for (const auto& [kind, pairs] : data.items())
        if (pairs.is_array())
            for (const auto& p : pairs)
                for (const auto& text : p)
                    for (auto& w : text::text_analyzer::words(text.get<std::string>())) words.push_back(std::move(w));
    return words;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
    const int questions = argc > 1 ? std::atoi(argv[1]) : 5000;
    const int queries = argc > 2 ? std::atoi(argv[2]) : 2000;
    const auto words = vocabulary();
    std::mt19937 rng(42);
    std::uniform_int_distribution<std::size_t> pick(0, words.size() - 1);
    std::uniform_int_distribution<int> length(4, 14);
    const auto make_question = [&] {
        std::string q;
        for (int i = length(rng); i > 0; --i) q += words[pick(rng)] + (i > 1 ? " " : "?");
        return q;
    };

    const text::snowball_stemmer stemmer;
    text::similarity_index index(stemmer);
    std::vector<double> put_us;
    for (int i = 0; i < questions; ++i) {
        const auto q = make_question();
        const auto start = clock_type::now();
        index.put("q" + std::to_string(i), q);
        put_us.push_back(std::chrono::duration<double, std::micro>(clock_type::now() - start).count());
    }
    std::vector<double> query_ms;
    std::size_t answers = 0;
    const auto visible = [](const std::string& id) { return id.back() != '7'; };  // some hidden, as in a session
    for (int i = 0; i < queries; ++i) {
        const auto q = make_question();
        const auto start = clock_type::now();
        answers += index.query(q, 5, text::similarity_index::default_threshold, visible).size();
        query_ms.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - start).count());
    }
    std::printf("questions %d, vocabulary %zu words\n", questions, words.size());
    std::printf("index one question: p50 %.1f us, p99 %.1f us\n", percentile(put_us, 0.5), percentile(put_us, 0.99));
    std::printf("similar (5 best): p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d queries (%.2f answers each)\n",
                percentile(query_ms, 0.5), percentile(query_ms, 0.99), percentile(query_ms, 1.0), queries,
                static_cast<double>(answers) / queries);
    return 0;
}
