#include "text/text_analyzer.hpp"

#include <algorithm>
#include <array>

namespace veche::text {
namespace {

// Snowball's Russian and English stop word lists (function words), written
// with «е» for «ё» as the analyser reads them, plus the courtesies that open
// a forum question and say nothing about it. Sorted, for binary search.
constexpr auto stop_words = [] {
    auto w = std::to_array<std::string_view>({
        // Russian
        "а", "без", "более", "больше", "будет", "будто", "бы", "был", "была", "были", "было", "быть", "в", "вам",
        "вас", "вдруг", "ведь", "во", "вот", "впрочем", "все", "всегда", "всего", "всех", "всю", "вы", "где",
        "да", "даже", "два", "для", "до", "добрый", "другой", "его", "ее", "ей", "ему", "если", "есть", "еще",
        "ж", "же", "за", "зачем", "здесь", "здравствуйте", "и", "из", "или", "им", "иногда", "их",
        "к", "как", "какая", "какой", "когда", "конечно", "кто", "куда", "ли", "лучше", "между", "меня", "мне",
        "много", "может", "можно", "мой", "моя", "мы", "на", "над", "надо", "наконец", "нас", "не", "него",
        "нее", "ней", "нельзя", "нет", "ни", "нибудь", "никогда", "ним", "них", "ничего", "но", "ну", "о", "об",
        "один", "он", "она", "они", "опять", "от", "перед", "по", "под", "подскажите", "пожалуйста", "после",
        "потом", "потому", "почти", "при", "про", "раз", "разве", "с", "сам", "свою", "себе", "себя", "сейчас",
        "скажите", "со", "совсем", "так", "такой", "там", "тебя", "тем", "теперь", "то", "тогда", "того", "тоже",
        "только", "том", "тот", "три", "тут", "ты", "у", "уважаемые", "уж", "уже", "хорошо", "хоть", "чего",
        "чем", "через", "что", "чтоб", "чтобы", "чуть", "эти", "этого", "этой", "этом", "этот", "эту",
        "я",
        // English
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
        "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has",
        "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if",
        "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor",
        "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out",
        "over", "own", "please", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their",
        "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to",
        "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while",
        "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves",
    });
    std::sort(w.begin(), w.end());
    return w;
}();

}  // namespace

bool text_analyzer::is_stop_word(std::string_view word) {
    return std::binary_search(stop_words.begin(), stop_words.end(), word);
}

}  // namespace veche::text
