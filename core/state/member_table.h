#pragma once

// A plain struct written to JSON and read back through one table of its
// members (key and pointer), so that the two directions cannot drift apart.
// Reading is lenient: a missing or mistyped key leaves the member as it was.
// Private to core/state.

#include <QJsonObject>
#include <QString>

#include <initializer_list>
#include <limits>
#include <variant>

namespace opsdeck::state {

template<typename T>
struct Member {
    const char *key;
    std::variant<QString T::*, qint64 T::*, double T::*, int T::*, bool T::*> pointer;
};

template<typename T>
using MemberTable = std::initializer_list<Member<T>>;

template<typename T>
QJsonObject membersToJson(const T &value, MemberTable<T> table)
{
    QJsonObject out;
    for (const Member<T> &m : table) {
        std::visit([&](auto pointer) { out.insert(QLatin1String(m.key), QJsonValue(value.*pointer)); }, m.pointer);
    }
    return out;
}

template<typename T>
void membersFromJson(const QJsonObject &in, T *value, MemberTable<T> table)
{
    for (const Member<T> &m : table) {
        const QJsonValue v = in.value(QLatin1String(m.key));
        std::visit(
            [&](auto pointer) {
                using Field = std::remove_reference_t<decltype(value->*pointer)>;
                if constexpr (std::is_same_v<Field, QString>) {
                    if (v.isString())
                        value->*pointer = v.toString();
                } else if constexpr (std::is_same_v<Field, bool>) {
                    if (v.isBool())
                        value->*pointer = v.toBool();
                } else if constexpr (std::is_same_v<Field, double>) {
                    if (v.isDouble())
                        value->*pointer = v.toDouble();
                } else {
                    // A whole number that fits, else left as it was: a damaged file's 1e300
                    // must not become undefined behaviour.
                    constexpr qint64 none = std::numeric_limits<qint64>::min();
                    const qint64 n = v.toInteger(none);
                    if (n != none && n >= qint64(std::numeric_limits<Field>::min()) && n <= qint64(std::numeric_limits<Field>::max()))
                        value->*pointer = Field(n);
                }
            },
            m.pointer);
    }
}

} // namespace opsdeck::state
