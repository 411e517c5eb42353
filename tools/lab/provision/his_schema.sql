-- HIS (医院信息系统) database for the medops lab: schema and deterministic generated data.
-- Loaded by postgresql.sh into database `his` as role his_app in a single transaction.
-- Same rows on every load (no random(), no now()), so restore drills can compare counts and sums.
-- schema_version: 2026.1

CREATE TABLE schema_version (
    version    text PRIMARY KEY,
    loaded_at  timestamptz NOT NULL DEFAULT now(),
    note       text
);

CREATE TABLE departments (
    id        integer PRIMARY KEY,
    code      text NOT NULL UNIQUE,
    name      text NOT NULL,          -- 科室名称
    category  text NOT NULL,          -- 临床 / 医技 / 行政
    location  text NOT NULL
);

CREATE TABLE staff (
    id             integer PRIMARY KEY,
    staff_no       text NOT NULL UNIQUE,
    name           text NOT NULL,
    gender         char(1) NOT NULL CHECK (gender IN ('M', 'F')),
    department_id  integer NOT NULL REFERENCES departments (id),
    role           text NOT NULL CHECK (role IN ('doctor', 'nurse', 'technician', 'pharmacist')),
    title          text NOT NULL,     -- 职称
    hired_on       date NOT NULL,
    active         boolean NOT NULL DEFAULT true
);

CREATE TABLE patients (
    id              integer PRIMARY KEY,
    mrn             text NOT NULL UNIQUE,   -- 病历号
    name            text NOT NULL,          -- 患者姓名
    gender          char(1) NOT NULL CHECK (gender IN ('M', 'F')),
    birth_date      date NOT NULL,
    id_card_masked  text NOT NULL,          -- 身份证号 (masked)
    phone_masked    text NOT NULL,
    insurance_type  text NOT NULL,          -- 医保类型
    city            text NOT NULL,
    created_at      timestamp NOT NULL
);

CREATE TABLE visits (
    id              integer PRIMARY KEY,
    visit_no        text NOT NULL UNIQUE,   -- 就诊号
    patient_id      integer NOT NULL REFERENCES patients (id),
    department_id   integer NOT NULL REFERENCES departments (id),
    doctor_id       integer NOT NULL REFERENCES staff (id),
    visit_type      text NOT NULL CHECK (visit_type IN ('门诊', '急诊', '住院')),
    visit_time      timestamp NOT NULL,
    diagnosis_code  text NOT NULL,          -- ICD-10
    diagnosis_name  text NOT NULL,
    status          text NOT NULL CHECK (status IN ('已就诊', '已结算', '在院', '出院'))
);

CREATE TABLE orders (
    id           integer PRIMARY KEY,
    order_no     text NOT NULL UNIQUE,      -- 医嘱号
    visit_id     integer NOT NULL REFERENCES visits (id),
    order_type   text NOT NULL CHECK (order_type IN ('药品', '检验', '检查', '治疗')),
    item_name    text NOT NULL,
    quantity     numeric(10, 2) NOT NULL,
    unit         text NOT NULL,
    frequency    text NOT NULL,
    ordered_by   integer NOT NULL REFERENCES staff (id),
    ordered_at   timestamp NOT NULL,
    amount       numeric(12, 2) NOT NULL,   -- 金额 (元)
    status       text NOT NULL CHECK (status IN ('已开立', '已执行', '已停止'))
);

CREATE TABLE lab_results (
    id           integer PRIMARY KEY,
    order_id     integer NOT NULL REFERENCES orders (id),
    item_code    text NOT NULL,
    item_name    text NOT NULL,             -- 检验项目
    value        numeric(10, 2) NOT NULL,
    unit         text NOT NULL,
    ref_low      numeric(10, 2) NOT NULL,
    ref_high     numeric(10, 2) NOT NULL,
    flag         char(1) NOT NULL CHECK (flag IN ('N', 'H', 'L')),
    reported_at  timestamp NOT NULL
);

-- Reference data ------------------------------------------------------------------------------
INSERT INTO departments (id, code, name, category, location)
SELECT i, 'D' || lpad(i::text, 3, '0'), d.name, d.category, d.location
FROM unnest(ARRAY[
    '心血管内科', '呼吸内科', '消化内科', '神经内科', '内分泌科', '肾内科', '普通外科', '骨科',
    '神经外科', '泌尿外科', '妇产科', '儿科', '急诊科', '重症医学科', '眼科', '耳鼻咽喉科',
    '口腔科', '皮肤科', '中医科', '康复医学科', '肿瘤科', '感染科', '检验科', '放射科',
    '超声医学科', '病理科', '药剂科', '麻醉科', '信息中心', '医务处'],
    ARRAY['临床', '临床', '临床', '临床', '临床', '临床', '临床', '临床', '临床', '临床', '临床',
          '临床', '临床', '临床', '临床', '临床', '临床', '临床', '临床', '临床', '临床', '临床',
          '医技', '医技', '医技', '医技', '医技', '医技', '行政', '行政'],
    ARRAY['门诊楼3F', '门诊楼3F', '门诊楼4F', '门诊楼4F', '门诊楼5F', '门诊楼5F', '住院楼6F',
          '住院楼7F', '住院楼8F', '住院楼9F', '妇儿楼2F', '妇儿楼3F', '急诊楼1F', '住院楼10F',
          '门诊楼6F', '门诊楼6F', '门诊楼7F', '门诊楼7F', '门诊楼8F', '康复楼2F', '住院楼11F',
          '感染楼1F', '医技楼2F', '医技楼1F', '医技楼1F', '医技楼3F', '门诊楼1F', '住院楼5F',
          '行政楼4F', '行政楼3F'])
    WITH ORDINALITY AS d(name, category, location, i);

CREATE TEMP TABLE surnames AS
SELECT s, n FROM unnest(string_to_array(
    '王,李,张,刘,陈,杨,黄,赵,吴,周,徐,孙,马,朱,胡,郭,何,高,林,罗,郑,梁,谢,宋,唐,许,韩,冯,邓,曹', ','))
    WITH ORDINALITY AS t(s, n);
CREATE TEMP TABLE given_names AS
SELECT g, n FROM unnest(string_to_array(
    '伟,芳,娜,秀英,敏,静,丽,强,磊,军,洋,勇,艳,杰,娟,涛,明,超,秀兰,霞,平,刚,桂英,建华,文,华,红,志强,玉兰,婷,浩,宇,欣怡,子涵,俊杰,晨,思远,雨桐,一鸣,佳琪', ','))
    WITH ORDINALITY AS t(g, n);

CREATE TEMP TABLE titles AS
SELECT t, n FROM unnest(ARRAY['主任医师', '副主任医师', '主治医师', '住院医师', '住院医师']) WITH ORDINALITY AS x(t, n);

INSERT INTO staff (id, staff_no, name, gender, department_id, role, title, hired_on)
SELECT i,
       'S' || lpad(i::text, 5, '0'),
       (SELECT s FROM surnames WHERE surnames.n = (i * 7) % 30 + 1) ||
       (SELECT g FROM given_names WHERE given_names.n = (i * 11) % 40 + 1),
       CASE WHEN i % 3 = 0 THEN 'M' ELSE 'F' END,
       ((i - 1) / 13) % 30 + 1,
       CASE WHEN i % 10 < 5 THEN 'doctor' WHEN i % 10 < 9 THEN 'nurse'
            WHEN i % 20 = 9 THEN 'pharmacist' ELSE 'technician' END,
       CASE WHEN i % 10 < 5 THEN (SELECT t FROM titles WHERE titles.n = i % 5 + 1)
            WHEN i % 10 < 9 THEN (ARRAY['护士长', '主管护师', '护师', '护士'])[i % 4 + 1]
            WHEN i % 20 = 9 THEN '主管药师' ELSE '主管技师' END,
       date '2000-01-01' + (i * 53) % 9000
FROM generate_series(1, 400) AS i;

-- Patients, visits, orders, results -----------------------------------------------------------
INSERT INTO patients (id, mrn, name, gender, birth_date, id_card_masked, phone_masked, insurance_type, city, created_at)
SELECT i,
       'MRN' || lpad(i::text, 8, '0'),
       (SELECT s FROM surnames WHERE surnames.n = (i * 13) % 30 + 1) ||
       (SELECT g FROM given_names WHERE given_names.n = (i * 17) % 40 + 1),
       CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END,
       date '1935-01-01' + (i * 2971) % 32000,
       (ARRAY['110105', '310104', '440106', '320102', '330106', '510107'])[i % 6 + 1]
           || '********' || lpad(((i * 37) % 10000)::text, 4, '0'),
       '1' || (ARRAY['38', '39', '58', '86', '77'])[i % 5 + 1] || '****' || lpad(((i * 91) % 10000)::text, 4, '0'),
       (ARRAY['城镇职工医保', '城乡居民医保', '新农合', '自费', '商业保险'])[i % 5 + 1],
       (ARRAY['北京', '上海', '广州', '南京', '杭州', '成都'])[i % 6 + 1],
       timestamp '2018-01-01 08:00' + ((i * 7919) % 2900000) * interval '1 minute'
FROM generate_series(1, 5000) AS i;

CREATE TEMP TABLE diagnoses AS
SELECT code, name, i FROM unnest(
    ARRAY['I10', 'E11.9', 'J06.9', 'J18.9', 'K29.7', 'I25.1', 'M54.5', 'N39.0', 'R50.9', 'S52.5',
          'O80', 'J45.9', 'K35.8', 'I63.9', 'C34.9', 'H25.9'],
    ARRAY['原发性高血压', '2型糖尿病', '急性上呼吸道感染', '肺炎', '胃炎', '冠状动脉粥样硬化性心脏病',
          '腰痛', '泌尿道感染', '发热', '桡骨远端骨折', '单胎顺产', '哮喘', '急性阑尾炎', '脑梗死',
          '肺恶性肿瘤', '老年性白内障'])
    WITH ORDINALITY AS d(code, name, i);

CREATE TEMP TABLE dept_doctors AS
SELECT department_id, id, row_number() OVER (PARTITION BY department_id ORDER BY id) AS rn
FROM staff WHERE role = 'doctor';
CREATE TEMP TABLE dept_doctor_count AS
SELECT department_id, count(*) AS n FROM dept_doctors GROUP BY department_id;

INSERT INTO visits (id, visit_no, patient_id, department_id, doctor_id, visit_type, visit_time, diagnosis_code, diagnosis_name, status)
SELECT v.i,
       'V' || to_char(v.t, 'YYYYMMDD') || lpad(v.i::text, 6, '0'),
       (v.i * 7) % 5000 + 1,
       v.dept,
       dd.id,                                  -- one of the department's doctors
       CASE WHEN v.i % 10 = 0 THEN '住院' WHEN v.i % 10 = 1 THEN '急诊' ELSE '门诊' END,
       v.t,
       d.code, d.name,
       CASE WHEN v.i % 10 = 0 THEN (CASE WHEN v.i % 3 = 0 THEN '在院' ELSE '出院' END)
            WHEN v.i % 4 = 0 THEN '已就诊' ELSE '已结算' END
FROM (SELECT i, (i % 22) + 1 AS dept,
             timestamp '2026-05-01 07:30' + ((i * 7) % 180) * interval '1 day'
                 + ((i * 37) % 600) * interval '1 minute' AS t
      FROM generate_series(1, 20000) AS i) AS v
JOIN diagnoses d ON d.i = v.i % 16 + 1
JOIN dept_doctor_count dc ON dc.department_id = v.dept
JOIN dept_doctors dd ON dd.department_id = v.dept AND dd.rn = v.i % dc.n + 1;

INSERT INTO orders (id, order_no, visit_id, order_type, item_name, quantity, unit, frequency, ordered_by, ordered_at, amount, status)
SELECT o.i,
       'O' || lpad(o.i::text, 9, '0'),
       o.visit_id,
       (ARRAY['药品', '检验', '药品', '检查', '治疗', '检验'])[o.i % 6 + 1],
       CASE o.i % 6
           WHEN 0 THEN (ARRAY['阿莫西林胶囊', '硝苯地平缓释片', '二甲双胍片', '阿托伐他汀钙片', '布洛芬缓释胶囊'])[o.i % 5 + 1]
           WHEN 1 THEN (ARRAY['血常规', '肝功能', '肾功能', '血糖', '血脂四项'])[o.i % 5 + 1]
           WHEN 2 THEN (ARRAY['0.9%氯化钠注射液', '头孢呋辛钠注射液', '奥美拉唑肠溶胶囊'])[o.i % 3 + 1]
           WHEN 3 THEN (ARRAY['胸部CT平扫', '腹部彩超', '心电图', '头颅MRI'])[o.i % 4 + 1]
           WHEN 4 THEN (ARRAY['静脉输液', '换药', '雾化吸入'])[o.i % 3 + 1]
           ELSE (ARRAY['尿常规', '凝血四项', 'C反应蛋白'])[o.i % 3 + 1]
       END,
       (o.i % 4) + 1,
       CASE o.i % 6 WHEN 0 THEN '盒' WHEN 2 THEN '支' WHEN 4 THEN '次' ELSE '项' END,
       (ARRAY['qd', 'bid', 'tid', 'st', 'prn'])[o.i % 5 + 1],
       v.doctor_id,
       v.visit_time + ((o.i % 50) + 5) * interval '1 minute',
       round(((o.i * 131) % 50000) / 100.0 + 5, 2),
       CASE WHEN o.i % 25 = 0 THEN '已停止' WHEN o.i % 7 = 0 THEN '已开立' ELSE '已执行' END
FROM (SELECT i, (i - 1) / 3 + 1 AS visit_id FROM generate_series(1, 60000) AS i) AS o
JOIN visits v ON v.id = o.visit_id;

CREATE TEMP TABLE lab_items AS
SELECT code, name, unit, lo, hi, i FROM unnest(
    ARRAY['WBC', 'HGB', 'PLT', 'ALT', 'AST', 'CREA', 'GLU', 'TC', 'TG', 'CRP'],
    ARRAY['白细胞计数', '血红蛋白', '血小板计数', '谷丙转氨酶', '谷草转氨酶', '肌酐', '葡萄糖', '总胆固醇', '甘油三酯', 'C反应蛋白'],
    ARRAY['10^9/L', 'g/L', '10^9/L', 'U/L', 'U/L', 'umol/L', 'mmol/L', 'mmol/L', 'mmol/L', 'mg/L'],
    ARRAY[3.5, 115, 125, 7, 13, 41, 3.9, 0, 0, 0]::numeric[],
    ARRAY[9.5, 150, 350, 40, 35, 111, 6.1, 5.2, 1.7, 10]::numeric[])
    WITH ORDINALITY AS t(code, name, unit, lo, hi, i);

INSERT INTO lab_results (id, order_id, item_code, item_name, value, unit, ref_low, ref_high, flag, reported_at)
SELECT row_number() OVER (ORDER BY o.id, k)::integer,
       o.id, li.code, li.name, r.val, li.unit, li.lo, li.hi,
       CASE WHEN r.val > li.hi THEN 'H' WHEN r.val < li.lo THEN 'L' ELSE 'N' END,
       o.ordered_at + interval '2 hours' + ((o.id + k) % 90) * interval '1 minute'
FROM orders o
CROSS JOIN generate_series(1, 2) AS k
JOIN lab_items li ON li.i = (o.id + k * 3) % 10 + 1
CROSS JOIN LATERAL (SELECT round(li.lo - (li.hi - li.lo) * 0.1
       + (li.hi - li.lo) * 1.25 * (((o.id * 7919 + k * 104729) % 1000) / 1000.0), 2) AS val) AS r
WHERE o.order_type = '检验';

-- Indexes, a reporting view and the load marker ---------------------------------------------
CREATE INDEX visits_patient_idx ON visits (patient_id);
CREATE INDEX visits_time_idx ON visits (visit_time);
CREATE INDEX orders_visit_idx ON orders (visit_id);
CREATE INDEX orders_time_idx ON orders (ordered_at);
CREATE INDEX lab_results_order_idx ON lab_results (order_id);
CREATE INDEX patients_name_idx ON patients (name);

CREATE VIEW daily_outpatient_summary AS
SELECT visit_time::date AS day, d.name AS department, count(*) AS visits
FROM visits v JOIN departments d ON d.id = v.department_id
WHERE v.visit_type IN ('门诊', '急诊')
GROUP BY 1, 2;

COMMENT ON TABLE patients IS '患者';
COMMENT ON TABLE visits IS '就诊';
COMMENT ON TABLE orders IS '医嘱';
COMMENT ON TABLE lab_results IS '检验结果';
COMMENT ON TABLE departments IS '科室';
COMMENT ON TABLE staff IS '医护人员';

INSERT INTO schema_version (version, note) VALUES ('2026.1', 'medops lab generated HIS data');
