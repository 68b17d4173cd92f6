-- Headless Neovim (0.7+) as a real LSP client of dist/server.js. Run by test/neovim/run.mjs:
--   nvim --headless -u NONE -i NONE -n -c 'luafile test/neovim/lsp_test.lua'
-- with MLDESIGN_NVIM_CONFIG (the Lua block of docs/editors.md, loaded as a user's init.lua
-- would), MLDESIGN_SERVER (dist/server.js) and MLDESIGN_ROOT (a copy of test/e2e/workspace).
-- Prints PASS/FAIL lines and exits 0 only when every check passed.

local root = assert(os.getenv('MLDESIGN_ROOT'), 'MLDESIGN_ROOT')
local config = assert(os.getenv('MLDESIGN_NVIM_CONFIG'), 'MLDESIGN_NVIM_CONFIG')
-- What the CLI reports for the design doc (test/e2e/lib.mjs expectedFindings): Neovim must show exactly that.
local expected = vim.fn.json_decode(table.concat(vim.fn.readfile(assert(os.getenv('MLDESIGN_EXPECTED'), 'MLDESIGN_EXPECTED')), '\n'))
local SEVERITY = { Error = 1, Warning = 2, Information = 3, Hint = 4 }
local RULE_DOCS = 'https://github.com/mldesign/mldesign/blob/main/docs/rules/'
local TIMEOUT = 15000

local passed, failed = 0, 0
local function out(s)
  io.stdout:write(s .. '\n')
  io.stdout:flush()
end
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    out('PASS ' .. name)
  else
    failed = failed + 1
    out('FAIL ' .. name .. (detail and ('\n     ' .. tostring(detail)) or ''))
  end
  return ok
end
local function starts(s, prefix)
  return type(s) == 'string' and s:sub(1, #prefix) == prefix
end
local function line_of(buf, text)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l == text then return i - 1 end
  end
  return -1
end
local function mldesign_diags(buf)
  local ds = vim.tbl_filter(function(d) return d.source == 'mldesign' end, vim.diagnostic.get(buf))
  table.sort(ds, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    return a.message < b.message
  end)
  return ds
end
local function show(ds)
  return vim.inspect(vim.tbl_map(function(d) return { d.lnum, d.code, d.message:sub(1, 40) } end, ds))
end
local function to_lsp(d)
  return {
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    severity = d.severity,
    message = d.message,
    source = d.source,
    code = d.code,
    data = d.user_data and d.user_data.lsp and d.user_data.lsp.data or nil,
  }
end
-- One request to the mldesign client, synchronously.
local function request(buf, method, params)
  local res, err = vim.lsp.buf_request_sync(buf, method, params, 5000)
  assert(res, 'no answer to ' .. method .. ': ' .. tostring(err))
  for _, r in pairs(res) do
    assert(not r.err, method .. ' failed: ' .. vim.inspect(r.err))
    return r.result
  end
end

local function main()
  vim.cmd('filetype on')
  vim.lsp.set_log_level('debug') -- $XDG_CACHE_HOME/nvim/lsp.log, kept by run.mjs when a check fails
  dofile(config)

  -- Which documents the server has answered for, even with no diagnostics.
  local published = {}
  local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, cfg)
    published[result.uri] = #result.diagnostics
    return publish(err, result, ctx, cfg)
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/README.md'))
  local readme = vim.api.nvim_get_current_buf()
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/fraud-scoring-design.md'))
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)

  check('the design doc is a markdown buffer', vim.bo[buf].filetype == 'markdown', vim.bo[buf].filetype)
  -- buf_get_clients lists a client once it has initialized.
  vim.wait(TIMEOUT, function() return next(vim.lsp.buf_get_clients(buf)) ~= nil end, 50)
  local client
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do client = c end
  if not check('the mldesign client (the docs/editors.md config) starts and attaches', client ~= nil and client.name == 'mldesign', client and client.name) then
    error('no mldesign client: see lsp.log')
  end
  local caps = client and client.server_capabilities or {}
  check('the server offers code actions, hover and completion', caps.codeActionProvider ~= nil and caps.hoverProvider ~= nil and caps.completionProvider ~= nil, vim.inspect(caps))
  vim.wait(TIMEOUT, function() return next(vim.lsp.buf_get_clients(readme)) ~= nil end, 50)
  check('the README buffer is attached too', next(vim.lsp.buf_get_clients(readme)) ~= nil)

  -- Diagnostics
  vim.wait(TIMEOUT, function() return #mldesign_diags(buf) >= #expected end, 50)
  vim.wait(300, function() return false end)
  local ds = mldesign_diags(buf)
  local function key(line, code, severity, message) return ('%d|%s|%s|%s'):format(line, code, severity, message) end
  local want_keys, got_keys = {}, {}
  for _, e in ipairs(expected) do table.insert(want_keys, key(e.line, e.code, SEVERITY[e.severity], e.message)) end
  for _, d in ipairs(ds) do table.insert(got_keys, key(d.lnum, d.code, d.severity, d.message)) end
  table.sort(want_keys)
  table.sort(got_keys)
  check(('the design doc gets exactly what the CLI reports (%d findings)'):format(#expected), vim.deep_equal(want_keys, got_keys), vim.inspect({ want = want_keys, got = got_keys }))
  local function find(code, prefix)
    for _, d in ipairs(ds) do
      if d.code == code and starts(d.message, prefix) then return d end
    end
  end
  local title = vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1]
  local known = { -- what the doc is written to get
    { lnum = 0, code = 'missing-section', message = "No 'Deployment' section" },
    { lnum = 0, code = 'missing-section', message = "No 'Model updates' section" },
    { lnum = line_of(buf, '## Monitoring'), code = 'empty-section', message = "'Monitoring' has no content yet" },
  }
  for _, want in ipairs(known) do
    local d = find(want.code, want.message) or {}
    local href = d.user_data and d.user_data.lsp and d.user_data.lsp.codeDescription and d.user_data.lsp.codeDescription.href
    check(
      ('%s on line %d: "%s…"'):format(want.code, want.lnum + 1, want.message),
      d.lnum == want.lnum and d.code == want.code and starts(d.message, want.message)
        and d.severity == vim.diagnostic.severity.WARN and href == RULE_DOCS .. want.code .. '.md',
      vim.inspect({ lnum = d.lnum, code = d.code, message = d.message, severity = d.severity, href = href })
    )
  end
  local on_title = find('missing-section', "No 'Deployment' section")
  check('a missing-section warning spans the title', on_title and on_title.col == 0 and on_title.end_col == #title, on_title and (on_title.col .. '-' .. on_title.end_col))

  -- The README: answered, with nothing.
  local readme_uri = vim.uri_from_fname(root .. '/README.md')
  vim.wait(TIMEOUT, function() return published[readme_uri] ~= nil end, 50)
  check('the README is checked and gets no diagnostics', published[readme_uri] == 0, vim.inspect(published))

  -- Hover
  local hover = request(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = line_of(buf, '## Goals'), character = 4 } })
  local value = hover and hover.contents and (hover.contents.value or hover.contents)
  check('hover on "## Goals" explains the business requirements section', starts(value, '**Business requirements** · required section'), vim.inspect(value))

  -- Quick fix: Add section 'Deployment'
  local deployment
  for _, d in ipairs(ds) do
    if starts(d.message, "No 'Deployment' section") then deployment = d end
  end
  assert(deployment, 'no Deployment diagnostic: ' .. show(ds))
  local lsp_diag = to_lsp(deployment)
  local actions = request(buf, 'textDocument/codeAction', { textDocument = { uri = uri }, range = lsp_diag.range, context = { diagnostics = { lsp_diag } } }) or {}
  local titles = vim.tbl_map(function(a) return a.title end, actions)
  local add
  for _, a in ipairs(actions) do
    if a.title == "Add section 'Deployment'" then add = a end
  end
  check("quick fix \"Add section 'Deployment'\" is offered, preferred", add and add.kind == 'quickfix' and add.isPreferred == true, vim.inspect(titles))
  if add then
    local edit_text = vim.inspect(add.edit)
    check('its edit is plain text (Neovim 0.7 announces no snippet edits)', add.edit ~= nil and not edit_text:find('snippet', 1, true), edit_text:sub(1, 300))
    vim.lsp.util.apply_workspace_edit(add.edit, 'utf-16')
    local at = line_of(buf, '## Deployment')
    check('the Deployment section lands between the data and monitoring sections',
      at > line_of(buf, '## Training data') and at < line_of(buf, '## Monitoring'), table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n'))
    local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
    check('with the template text', text:find('**Serving path.** Online inference behind an API', 1, true) ~= nil and not text:find('${', 1, true), text)
    local function has(list, code, prefix)
      for _, d in ipairs(list) do
        if d.code == code and starts(d.message, prefix) then return true end
      end
      return false
    end
    vim.wait(TIMEOUT, function() return not has(mldesign_diags(buf), 'missing-section', "No 'Deployment'") end, 50)
    local after = mldesign_diags(buf)
    check('the Deployment warning goes, the other two stay',
      not has(after, 'missing-section', "No 'Deployment'") and has(after, 'missing-section', "No 'Model updates'") and has(after, 'empty-section', "'Monitoring' has no content"), show(after))
  end

  -- Source action: fix all
  local last = vim.api.nvim_buf_line_count(buf)
  local fixes = request(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } },
    context = { diagnostics = {}, only = { 'source.fixAll.mldesign' } },
  }) or {}
  local fix_all = fixes[1]
  check('the source.fixAll.mldesign action is offered', #fixes == 1 and fix_all.kind == 'source.fixAll.mldesign', vim.inspect(vim.tbl_map(function(a) return a.title end, fixes)))
  if fix_all then
    vim.lsp.util.apply_workspace_edit(fix_all.edit, 'utf-16')
    local missing = {}
    for _, h in ipairs({ '## Goals', '## Training data', '## Deployment', '## Monitoring', '## Model updates' }) do
      if line_of(buf, h) < 0 then table.insert(missing, h) end
    end
    check('fix-all adds the model updates section and fills monitoring', #missing == 0, vim.inspect(missing))
    local function gaps()
      return vim.tbl_filter(function(d) return d.code == 'missing-section' or d.code == 'empty-section' end, mldesign_diags(buf))
    end
    vim.wait(TIMEOUT, function() return #gaps() == 0 end, 50)
    check('no missing or empty section left', #gaps() == 0, show(gaps()))
  end

  vim.lsp.stop_client(vim.lsp.get_active_clients())
  vim.wait(3000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
  check('the server shuts down', #vim.lsp.get_active_clients() == 0)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  failed = failed + 1
  out('ERROR ' .. tostring(err))
end
out(('neovim %s: %d passed, %d failed'):format(tostring(vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch), passed, failed))
vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
