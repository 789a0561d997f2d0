// Parameter panel model: validation with Kafka's config tables, and the saved-session line.
#include "gui/model/params.h"

#include <charconv>
#include <span>

#include "ksim/broker/broker_config.h"
#include "ksim/client/consumer_config.h"
#include "ksim/client/producer_config.h"
#include "ksim/log/log_config.h"
#include "ksim/types/presentation.h"

namespace ksim::gui {
namespace {

bool is_number(const std::string& s) {
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

// The first table that declares `name` validates it (Kafka's type, range and allowed values).
std::string kafka_config_error(const std::string& name, const std::string& value) {
  const std::pair<std::span<const ConfigField>, const char*> tables[] = {
      {consumer_config_fields(), "consumer"}, {producer_config_fields(), "producer"},
      {log_config_fields(), "topic"}, {broker_config_fields(), "broker"}};
  for (const auto& [fields, owner] : tables) {
    bool declared = false;
    for (const ConfigField& f : fields) declared = declared || f.name == name;
    if (!declared) continue;
    Result<ConfigMap> r = resolve_config(fields, {{name, value}}, owner);
    return r ? "" : r.status().message();
  }
  return "";  // a dotted name that is not a Kafka config ksim knows: the scenario's own
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string param_error(const ParamItem& p, const std::string& value) {
  if (p.type == ParamItem::Type::Number && !is_number(value))
    return p.name + "=" + value + ": expected a number";
  if (p.type == ParamItem::Type::Boolean && value != "true" && value != "false")
    return p.name + "=" + value + ": expected true or false";
  if (p.type == ParamItem::Type::Number && !in_range({p.min, p.max}, std::stod(value)))
    return p.name + "=" + value + ": " + p.name + " must be in " + range_text({p.min, p.max});
  return kafka_config_error(p.name, value);  // "" unless Kafka declares the name
}

std::map<std::string, std::string> param_errors(const std::vector<ParamItem>& params,
                                                const ParamValues& values) {
  std::map<std::string, std::string> out;
  for (const ParamItem& p : params) {
    auto it = values.find(p.name);
    if (it == values.end()) continue;
    if (std::string e = param_error(p, it->second); !e.empty()) out[p.name] = e;
  }
  return out;
}

ParamValues changed_params(const std::vector<ParamItem>& params, const ParamValues& values) {
  ParamValues out;
  for (const ParamItem& p : params) {
    auto it = values.find(p.name);
    if (it != values.end() && it->second != p.value_text) out[p.name] = it->second;
  }
  return out;
}

std::string param_defaults_lua(const std::vector<ParamItem>& params) {
  std::string body;
  for (const ParamItem& p : params) {
    if (!p.overridden) continue;
    std::string v = p.type == ParamItem::Type::String ? quoted(p.value_text) : p.value_text;
    body += (body.empty() ? " " : ", ") + std::string("[") + quoted(p.name) + "] = " + v;
  }
  if (body.empty()) return "";
  return "param_defaults {" + body + " }  -- ksim-gui session: parameters set in the GUI\n";
}

}  // namespace ksim::gui
