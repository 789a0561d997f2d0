-- A small embedded chunk for lua_vm_test: proves ksim_embed_lua keeps the text and the name.
function embedded_greeting()
  return "hello from the embedded chunk"
end

function embedded_fail()
  error("failing on purpose")
end
